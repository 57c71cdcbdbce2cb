"""Admin of the sources and the shared vocabulary (vmbo-profielen, study and learning
forms, exemption methods, qualifications)."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import LIST_PER_PAGE, ContentAdmin
from editorial.freshness import CheckedOnFilter
from editorial.linkcheck.admin import BrokenLinkFilter

from ..models import (
    ExemptionMethod,
    LearningForm,
    Qualification,
    Source,
    StudyForm,
    VocationalProfile,
)


@admin.register(Source)
class SourceAdmin(ContentAdmin):
    list_display = ["title", "publisher", "published", "url", "checked_on"]
    list_filter = [CheckedOnFilter, "publisher", BrokenLinkFilter]
    search_fields = ["title", "slug", "publisher", "url", "notes"]
    prepopulated_fields = {"slug": ("title",)}
    list_per_page = LIST_PER_PAGE


class VocabularyAdmin(ContentAdmin):
    list_display = ["name", "slug", "order"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ("name",)}
    list_per_page = LIST_PER_PAGE


@admin.register(VocationalProfile)
class VocationalProfileAdmin(VocabularyAdmin):
    list_display = ["name", "code", "is_technical", "order"]
    list_filter = ["is_technical"]
    search_fields = ["name", "code", "slug"]


@admin.register(StudyForm)
class StudyFormAdmin(VocabularyAdmin):
    pass


@admin.register(LearningForm)
class LearningFormAdmin(VocabularyAdmin):
    pass


@admin.register(ExemptionMethod)
class ExemptionMethodAdmin(VocabularyAdmin):
    search_fields = ["name", "slug", "description"]


@admin.register(Qualification)
class QualificationAdmin(VocabularyAdmin):
    list_display = [
        "name",
        "short_name",
        "is_teaching_qualification",
        "nlqf_level",
        "valid_for",
        "checked_on",
    ]
    list_filter = ["is_teaching_qualification", "nlqf_level", CheckedOnFilter]
    search_fields = ["name", "short_name", "slug", "valid_for", "description"]
    autocomplete_fields = ["sources"]
    fieldsets = [
        (None, {"fields": ["name", "short_name", "slug", "order"]}),
        (
            _("Betekenis"),
            {"fields": ["description", "valid_for", "is_teaching_qualification", "nlqf_level"]},
        ),
        (_("Bronnen en controle"), {"fields": ["sources", "checked_on"]}),
    ]
