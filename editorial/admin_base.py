"""Base classes of every content admin page and inline.

Each staff-facing capability that holds for all content (change history with
restore, refusing a save that would overwrite someone else's edit, ...) is a
mixin in its own module, added here once, so every content model gets it
(and texts are read with LF line endings only: editorial/line_endings.py).
"""

from django import forms
from django.contrib import admin

from .concurrency.admin import NoLostEditsAdminMixin, NoLostEditsInlineMixin
from .deletion import PlainDeletionMixin
from .freshness import FreshnessAdminMixin
from .history import HistoryAdminMixin
from .line_endings import LineEndingsAdminMixin
from .validators import validate_phone_number

LIST_PER_PAGE = 50


class ContactAdminForm(forms.ModelForm):
    """Admin form for a contact with a phone number: checks the number lightly.

    It has no Meta: the admin builds one for each contact model it is used with.
    """

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "")
        if phone:
            validate_phone_number(phone)
        return phone


def select_list_related(model_admin, queryset):
    """Selects the related objects a changelist shows, in the admin's get_queryset().

    Used where an entry's name includes a related object's (a programme's includes
    its institution's), so autocomplete results need them too. The changelist then
    skips list_select_related, as the queryset already selects related objects: so
    this selects everything list_select_related names.
    """
    return queryset.select_related(*model_admin.list_select_related)


class ChoiceRelationsMixin:
    """Selects, for the choices of a relation, what their names show (a location's
    hogeschool, a step's route), so a select menu costs one query.

    `choice_select_related` maps a field name to the relations to select.
    """

    choice_select_related = {}

    def _select_choice_relations(self, db_field, kwargs):
        related = self.choice_select_related.get(db_field.name)
        if related and "queryset" not in kwargs:
            kwargs["queryset"] = db_field.remote_field.model._default_manager.select_related(
                *related
            )
        return kwargs

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        kwargs = self._select_choice_relations(db_field, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        kwargs = self._select_choice_relations(db_field, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class CheckboxM2MMixin:
    """Shows short vocabulary lists (a handful of entries) as checkboxes."""

    checkbox_fields = ()

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name in self.checkbox_fields:
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ContentAdmin(
    PlainDeletionMixin,
    FreshnessAdminMixin,
    HistoryAdminMixin,
    NoLostEditsAdminMixin,
    LineEndingsAdminMixin,
    admin.ModelAdmin,
):
    """Base of the admin page of every content model."""


class ContentTabularInline(NoLostEditsInlineMixin, LineEndingsAdminMixin, admin.TabularInline):
    """Base of every table-style inline of content rows."""


class ContentStackedInline(NoLostEditsInlineMixin, LineEndingsAdminMixin, admin.StackedInline):
    """Base of every stacked inline of content rows."""
