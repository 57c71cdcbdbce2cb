"""Freshness: when the facts of an entry were last compared with their sources.

The one rule: an entry is stale ("verouderd") when its `checked_on` is empty or
more than twelve calendar months ago. `FreshnessAdminMixin`, on every content
admin whose model has `checked_on`, shows the date with a marker, adds the
filter "controle" and the action "Markeer als gecontroleerd (vandaag)". Why:
docs/decisions/0009-stale-after-twelve-months.md.
"""

from django.contrib import admin, messages
from django.contrib.admin.utils import model_ngettext
from django.core.exceptions import FieldDoesNotExist
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .action_messages import report_unchanged

FIELD = "checked_on"


def stale_before(today=None):
    """The earliest date that is not stale: the same day twelve months ago
    (28 February for 29 February)."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - 1)
    except ValueError:  # 29 February
        return today.replace(year=today.year - 1, day=28)


def is_stale(checked_on, today=None):
    return checked_on is None or checked_on < stale_before(today)


def has_checked_on(model):
    try:
        field = model._meta.get_field(FIELD)
    except FieldDoesNotExist:
        return False
    return field.get_internal_type() == "DateField"


class CheckedOnFilter(admin.SimpleListFilter):
    """Finds entries whose facts were never, or not recently, compared with their sources."""

    title = _("controle")
    parameter_name = "controle"

    def lookups(self, request, model_admin):
        return [
            ("verouderd", _("Langer dan 12 maanden geleden of nooit")),
            ("nooit", _("Nooit gecontroleerd")),
            ("ouder-dan-een-jaar", _("Langer dan 12 maanden geleden")),
            ("dit-jaar", _("In de afgelopen 12 maanden")),
        ]

    def queryset(self, request, queryset):
        limit = stale_before()
        if self.value() == "verouderd":
            return queryset.filter(Q(**{f"{FIELD}__isnull": True}) | Q(**{f"{FIELD}__lt": limit}))
        if self.value() == "nooit":
            return queryset.filter(**{f"{FIELD}__isnull": True})
        if self.value() == "ouder-dan-een-jaar":
            return queryset.filter(**{f"{FIELD}__lt": limit})
        if self.value() == "dit-jaar":
            return queryset.filter(**{f"{FIELD}__gte": limit})
        return queryset


class FreshnessAdminMixin:
    """Shows and stamps `checked_on` in every content admin whose model has it."""

    def _tracks_freshness(self):
        return has_checked_on(self.model)

    def get_list_display(self, request):
        list_display = list(super().get_list_display(request))
        if not self._tracks_freshness():
            return list_display
        if FIELD in list_display:
            return ["checked_on_freshness" if name == FIELD else name for name in list_display]
        if "checked_on_freshness" not in list_display:
            list_display.append("checked_on_freshness")
        return list_display

    def get_list_filter(self, request):
        list_filter = list(super().get_list_filter(request))
        if self._tracks_freshness() and not any(
            isinstance(item, type) and issubclass(item, CheckedOnFilter) for item in list_filter
        ):
            list_filter.append(CheckedOnFilter)
        return list_filter

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self._tracks_freshness() and self.has_change_permission(request):
            func, name, description = self.get_action("mark_checked")
            actions[name] = (func, name, description)
        return actions

    @admin.display(description=_("laatst gecontroleerd op"), ordering=FIELD)
    def checked_on_freshness(self, obj):
        checked_on = getattr(obj, FIELD)
        if checked_on is None:
            return format_html('<strong class="stale">{}</strong>', _("⚠ nooit"))
        text = date_format(checked_on, "DATE_FORMAT")
        if is_stale(checked_on):
            return format_html(
                '<strong class="stale">⚠ {}</strong> ({})', text, _("langer dan 12 maanden")
            )
        return text

    @admin.action(description=_("Markeer als gecontroleerd (vandaag)"), permissions=["change"])
    def mark_checked(self, request, queryset):
        today = timezone.localdate()
        field_label = str(self.opts.get_field(FIELD).verbose_name)
        changed, already = [], []
        for entry in queryset:
            if getattr(entry, FIELD) == today:
                already.append(entry)
                continue
            setattr(entry, FIELD, today)
            entry.save()
            self.log_change(request, entry, [{"changed": {"fields": [field_label]}}])
            changed.append(entry)
        date = date_format(today, "j F Y")
        if changed:
            count = len(changed)
            message = ngettext(
                "%(count)d %(items)s gemarkeerd als gecontroleerd op %(date)s.",
                "%(count)d %(items)s gemarkeerd als gecontroleerd op %(date)s.",
                count,
            ) % {"count": count, "items": model_ngettext(self.opts, count), "date": date}
            self.message_user(request, message, messages.SUCCESS)
        report_unchanged(
            self,
            request,
            already,
            _("%(entries)s stond al als gecontroleerd op vandaag. Er is niets veranderd."),
            _(
                "%(count)d %(items)s stonden al als gecontroleerd op vandaag: %(entries)s. "
                "Daar is niets veranderd."
            ),
        )
