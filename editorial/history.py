"""The history and restore pages of every content admin (`HistoryAdminMixin`).

Built on django-simple-history's admin: the history page lists every version
with who saved it, when, and what changed; a version's page restores it as a new
version. The one rule: a restore is itself a version, so it can be undone the
same way. What a restore covers and leaves alone, and why:
docs/decisions/0014-what-a-restore-covers.md. How versions are compared:
editorial/version_diffs.py.
"""

from django.contrib import messages
from django.contrib.admin.utils import flatten_fieldsets, unquote
from django.core.exceptions import PermissionDenied
from django.db import router
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.admin import SimpleHistoryAdmin
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.utils import get_m2m_reverse_field_name

from .version_diffs import admin_querysets, compare_versions, related_models_of
from .version_diffs import restore_changes as changes_of_restoring
from .versions import history_model_of, is_tracked, one_version_per_save

HISTORY_TYPE_LABELS = {
    "+": gettext_lazy("Aangemaakt"),
    "~": gettext_lazy("Gewijzigd"),
    "-": gettext_lazy("Verwijderd"),
}


def version_date(record):
    return date_format(timezone.localtime(record.history_date), "DATETIME_FORMAT")


class HistoryAdminMixin(SimpleHistoryAdmin):
    """simple-history's history and restore pages, in Dutch, for a content admin."""

    object_history_template = "admin/simple_history/object_history.html"
    object_history_list_template = "admin/simple_history/object_history_list.html"
    object_history_form_template = "admin/simple_history/object_history_form.html"
    history_list_per_page = 50

    # --- Saving: one save, one version ---------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        with one_version_per_save(using=router.db_for_write(self.model)):
            return super().changeform_view(request, object_id, form_url, extra_context)

    # --- The history page ----------------------------------------------------

    def history_view(self, request, object_id, extra_context=None):
        context = {
            "part_histories": self.part_histories(request, unquote(object_id)),
            **(extra_context or {}),
        }
        return super().history_view(request, object_id, extra_context=context)

    def history_view_title(self, request, obj):
        return _("Geschiedenis van %(entry)s") % {"entry": obj}

    def set_history_delta_changes(self, request, historical_records, **kwargs):
        """Puts on each version of the page what changed since the version before."""
        # Custom: simple-history's costs queries per version and skips the page's oldest.
        records = list(historical_records)
        if not records:
            return
        page_end = historical_records.end_index()
        older_than_page = list(historical_records.paginator.object_list[page_end : page_end + 1])
        older = [*records[1:], *older_than_page, None]
        history_model = type(records[0])
        changes = compare_versions(
            zip(records, older, strict=False),
            admin_querysets(self.admin_site, request, related_models_of(history_model)),
        )
        for record, previous in zip(records, older, strict=False):
            record.history_delta_changes = changes.get(record.history_id, [])
            record.is_first_version = previous is None
            record.type_label = HISTORY_TYPE_LABELS.get(record.history_type, "")

    def part_histories(self, request, object_id):
        """The rows edited inline on this page (now or deleted since), each with a
        link to its own history: two queries for each kind of row."""
        parts = []
        for inline in self.inlines:
            child = inline.model
            if not self.admin_site.is_registered(child) or not is_tracked(child):
                continue
            child_admin = self.admin_site.get_model_admin(child)
            if not child_admin.has_view_or_change_permission(request):
                continue
            fk = _parent_key(inline, self.model)
            current = list(child_admin.get_queryset(request).filter(**{fk.attname: object_id}))
            current_pks = {obj.pk for obj in current}
            deleted = (
                history_model_of(child)
                .objects.filter(**{fk.attname: object_id, "history_type": "-"})
                .exclude(**{f"{child._meta.pk.attname}__in": current_pks})
                .order_by("-history_date")
            )
            deleted_seen = {}
            for record in deleted:
                deleted_seen.setdefault(getattr(record, child._meta.pk.attname), record)
            url_name = (
                f"{self.admin_site.name}:{child._meta.app_label}_{child._meta.model_name}_history"
            )
            entries = [
                {"name": str(obj), "url": reverse(url_name, args=[obj.pk]), "deleted": False}
                for obj in current
            ] + [
                {
                    "name": str(record.history_object),
                    "url": reverse(url_name, args=[pk]),
                    "deleted": True,
                    "deleted_on": version_date(record),
                }
                for pk, record in deleted_seen.items()
            ]
            parts.append({"title": capfirst(child._meta.verbose_name_plural), "entries": entries})
        return parts

    # --- A version, and restoring it -------------------------------------------

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        """Shows one version; its POST restores it (saves it as a new version)."""
        object_id = unquote(object_id)
        history_model = history_model_of(self.model)
        record = get_object_or_404(
            history_model.objects.select_related("history_user"),
            **{self.model._meta.pk.attname: object_id, "history_id": version_id},
        )
        current = self.get_object(request, object_id)
        if request.method == "POST" and not self.has_change_history_permission(request, current):
            raise PermissionDenied
        context = {
            "record": record,
            "record_date": version_date(record),
            "record_type_label": HISTORY_TYPE_LABELS.get(record.history_type, ""),
            "restore_changes": self.restore_changes(request, object_id, record, current),
            "not_restored": self.not_restored(request, current),
            **(extra_context or {}),
        }
        request._history_restoring = record
        with one_version_per_save(using=router.db_for_write(self.model)):
            return super().history_form_view(request, object_id, version_id, context)

    def history_form_view_title(self, request, obj):
        if self.revert_disabled(request, obj):
            return _("Eerdere versie bekijken: %(entry)s") % {"entry": obj}
        return _("Eerdere versie herstellen: %(entry)s") % {"entry": obj}

    def restore_changes(self, request, object_id, record, current=None):
        """What restoring `record` changes: from the entry as it is now to `record`,
        as the restore saves it (editorial.version_diffs.restore_changes). An entry
        deleted since is compared with its latest version, the deletion."""
        querysets = admin_querysets(self.admin_site, request, related_models_of(type(record)))
        if current is not None:
            return changes_of_restoring(
                record, current, self._restored_m2m(request, current), querysets
            )
        latest = (
            history_model_of(self.model)
            .objects.filter(**{self.model._meta.pk.attname: object_id})
            .first()
        )
        if latest is None or latest.history_id == record.history_id:
            return []
        return compare_versions([(record, latest)], querysets).get(record.history_id, [])

    def _restored_m2m(self, request, obj):
        """The names of the tracked many-to-many fields a restore sets: those on its
        form that are not read-only (whether or not this user may restore)."""
        on_form = set(flatten_fieldsets(self.get_fieldsets(request, obj)))
        on_form -= set(self.get_readonly_fields(request, obj))
        tracked = history_model_of(self.model)._history_m2m_fields
        return {field.name for field in tracked if field.name in on_form}

    def not_restored(self, request, obj=None):
        """The names of what a restore leaves as it is now."""
        restored = self._restored_m2m(request, obj) if obj is not None else None
        tracked_m2m = {field.name for field in history_model_of(self.model)._history_m2m_fields}
        names = [
            capfirst(field.verbose_name)
            for field in self.model._meta.many_to_many
            if field.name not in tracked_m2m
            or (restored is not None and field.name not in restored)
        ]
        names += [capfirst(inline.model._meta.verbose_name_plural) for inline in self.inlines]
        return [str(name) for name in names]

    def get_form(self, request, obj=None, change=False, **kwargs):
        """On a version's page, fill the tracked many-to-many fields with the
        version's values: simple-history's form shows the current ones, and a
        restore would keep them. A related entry deleted since is left out: it
        cannot come back, and the form shows what a restore saves."""
        form_class = super().get_form(request, obj, change=change, **kwargs)
        record = getattr(obj, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None)
        if record is None:
            return form_class
        version_values = historical_m2m_values(record)

        class VersionForm(form_class):
            def __init__(self, *args, **form_kwargs):
                super().__init__(*args, **form_kwargs)
                for name, pks in version_values.items():
                    if name in self.fields:
                        self.initial[name] = pks
                _leave_out_deleted_entries(self)

        VersionForm.__name__ = form_class.__name__
        return VersionForm

    def save_model(self, request, obj, form, change):
        record = getattr(request, "_history_restoring", None)
        if record is not None:
            obj._change_reason = _("Versie van %(date)s hersteld") % {"date": version_date(record)}
        elif change and not form.has_changed():
            # Saved as it was (its rows may have changed): no version without a change.
            obj.skip_history_when_saving = True
        super().save_model(request, obj, form, change)

    def response_change(self, request, obj):
        """After a restore, back to the history, where the restore is on top."""
        record = getattr(request, "_history_restoring", None)
        if record is None:
            return super().response_change(request, obj)
        self.message_user(
            request,
            _(
                "De versie van %(date)s is hersteld en opgeslagen als nieuwe versie "
                "(bovenaan de lijst). Was dat niet de bedoeling? Open dan de versie "
                "eronder, van vóór het herstel, en herstel die."
            )
            % {"date": version_date(record)},
            messages.SUCCESS,
        )
        opts = self.model._meta
        try:
            url = reverse(
                f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_history",
                args=[obj.pk],
            )
        except NoReverseMatch:
            return super().response_change(request, obj)
        return HttpResponseRedirect(url)


def historical_m2m_values(record):
    """{field name: [related primary keys]} of a version's tracked many-to-many fields."""
    history_model = type(record)
    return {
        field.name: list(
            getattr(record, field.name).values_list(
                f"{get_m2m_reverse_field_name(field)}_id", flat=True
            )
        )
        for field in history_model._history_m2m_fields
    }


def _leave_out_deleted_entries(form):
    """Takes out of a version's form the related entries that no longer exist."""
    for name, field in form.fields.items():
        queryset = getattr(field, "queryset", None)
        value = form.get_initial_for_field(field, name)
        if queryset is None or value in (None, "", [], ()):
            continue
        many = isinstance(value, list | tuple)
        items = list(value) if many else [value]
        pks = [getattr(item, "pk", item) for item in items]
        existing = set(queryset.filter(pk__in=pks).values_list("pk", flat=True))
        if many:
            form.initial[name] = [
                item for item, pk in zip(items, pks, strict=True) if pk in existing
            ]
        elif pks[0] not in existing:
            form.initial[name] = None


def _parent_key(inline, parent_model):
    """The foreign key from an inline's rows to the page's entry."""
    candidates = [
        field
        for field in inline.model._meta.concrete_fields
        if field.many_to_one
        and field.related_model is parent_model
        and (inline.fk_name is None or field.name == inline.fk_name)
    ]
    return candidates[0]
