"""The versions that django-simple-history keeps of every content entry: how two
versions differ, field by field, and three rules that keep the history honest.

1. One save is one version. simple-history writes a version on every `save()`
   and one more on every change to a tracked many-to-many field. One save in
   the admin that changes a name and the profiles would leave three versions,
   two of them half-done states nobody ever saw. `one_version_per_save()` keeps
   only the last version of each entry written inside it: the complete state
   after the save.
2. Loading data is not editing it. `loaddata` (the seed, or a backup being
   restored) saves entries raw, which writes no version, but then sets their
   many-to-many fields, which would. `skip_history_of_raw_saves` stops that, so
   a backup loads back with exactly the history it was dumped with.
3. The first version is complete. `populate_history` writes no many-to-many
   values; `record_first_versions()` does, so restoring the first version of a
   programme also restores its profiles.
"""

import contextlib
import contextvars
import dataclasses
import datetime

from django.apps import apps
from django.conf import settings
from django.db import models, transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils import formats, timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.signals import post_create_historical_record
from simple_history.template_utils import ObjDiffDisplay
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

HISTORY_TYPE_LABELS = {
    "+": gettext_lazy("Aangemaakt"),
    "~": gettext_lazy("Gewijzigd"),
    "-": gettext_lazy("Verwijderd"),
}

# Long texts are shown around their first difference, shortened to this length.
MAX_SHOWN_CHARS = 160


def is_tracked(model):
    """Whether django-simple-history keeps versions of this model."""
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_model_of(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def m2m_history_model(history_model, field):
    """The table that holds the values of many-to-many `field` for each version."""
    return getattr(history_model, field.name).model


# --- Differences between versions ----------------------------------------------


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One changed field: its Dutch label, and the old and new value as text."""

    field: str
    label: str
    old: str
    new: str


class DutchDiffDisplay(ObjDiffDisplay):
    """simple-history's shortening of long texts around their first difference,
    with the left-out part named in Dutch."""

    def shortened_str(self, prefix, num_skipped_chars, suffix):
        return f"{prefix} […{num_skipped_chars} tekens…] {suffix}"


def compare_versions(pairs, related_querysets=None):
    """The changed fields of each (newer, older) pair of versions of one model.

    Returns {newer.history_id: [FieldChange, ...]} in the order of the model's
    fields. Costs one query per tracked many-to-many field and one per related
    model that a changed value points to, however many pairs: history pages show
    up to a page of versions. `related_querysets` maps a related model to the
    queryset its objects are read from (an admin's get_queryset() selects what
    their names need).
    """
    pairs = [(newer, older) for newer, older in pairs if older is not None]
    if not pairs:
        return {}
    history_model = type(pairs[0][0])
    model = history_model.instance_type
    fields = [
        field for field in history_model.tracked_fields if field.editable and not field.primary_key
    ]
    m2m_fields = list(history_model._history_m2m_fields)
    records = {record.history_id: record for pair in pairs for record in pair}
    m2m_values = _m2m_values(history_model, m2m_fields, records)

    # First find what changed; then read every related object named in one go.
    raw_changes = {}
    wanted = {}  # related model -> set of primary keys
    for newer, older in pairs:
        changes = []
        for field in fields:
            old, new = getattr(older, field.attname), getattr(newer, field.attname)
            if old != new:
                changes.append((field, old, new))
                if field.is_relation:
                    wanted.setdefault(field.related_model, set()).update({old, new} - {None})
        for field in m2m_fields:
            old = m2m_values[field.name].get(older.history_id, frozenset())
            new = m2m_values[field.name].get(newer.history_id, frozenset())
            if old != new:
                changes.append((field, old, new))
                wanted.setdefault(field.related_model, set()).update(old | new)
        raw_changes[newer.history_id] = changes

    related = {
        related_model: _read_related(related_model, pks, related_querysets)
        for related_model, pks in wanted.items()
    }
    shortener = DutchDiffDisplay(max_length=MAX_SHOWN_CHARS)
    result = {}
    for history_id, changes in raw_changes.items():
        shown = []
        for field, old, new in changes:
            old_text = display_value(field, old, related)
            new_text = display_value(field, new, related)
            if not field.is_relation:
                old_text, new_text = shortener.common_shorten_repr(old_text, new_text)
            label = capfirst(model._meta.get_field(field.name).verbose_name)
            shown.append(FieldChange(field.name, str(label), old_text, new_text))
        result[history_id] = shown
    return result


def _m2m_values(history_model, m2m_fields, records):
    """{field name: {history_id: frozenset of related primary keys}}, one query a field."""
    values = {}
    for field in m2m_fields:
        column = f"{get_m2m_reverse_field_name(field)}_id"
        by_version = {}
        rows = (
            m2m_history_model(history_model, field)
            .objects.filter(history_id__in=list(records))
            .values_list("history_id", column)
        )
        for history_id, related_pk in rows:
            by_version.setdefault(history_id, set()).add(related_pk)
        values[field.name] = {key: frozenset(pks) for key, pks in by_version.items()}
    return values


def _read_related(related_model, pks, related_querysets):
    queryset = (related_querysets or {}).get(related_model)
    if queryset is None:
        queryset = related_model._default_manager.all()
    return queryset.in_bulk(list(pks))


def display_value(field, value, related):
    """A field's value as staff read it: a choice's label, ja/nee, a date in
    Dutch, a related entry's name. An entry deleted since is named as such."""
    if isinstance(field, models.ManyToManyField):
        names = sorted(_related_name(field, pk, related) for pk in value)
        return ", ".join(names) if names else _("(geen)")
    if value is None or value == "":
        return _("(leeg)")
    if field.is_relation:
        return _related_name(field, value, related)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(formats.localize(value))


def _related_name(field, pk, related):
    obj = related.get(field.related_model, {}).get(pk)
    if obj is None:
        return _("%(name)s (verwijderd, nummer %(pk)s)") % {
            "name": field.related_model._meta.verbose_name,
            "pk": pk,
        }
    return str(obj)


def admin_querysets(admin_site, request, models_):
    """The querysets the admin reads these models with, for naming them cheaply."""
    querysets = {}
    for model in models_:
        model_admin = admin_site._registry.get(model)
        if model_admin is not None:
            querysets[model] = model_admin.get_queryset(request)
    return querysets


def related_models_of(history_model):
    return {
        field.related_model
        for field in [*history_model.tracked_fields, *history_model._history_m2m_fields]
        if field.is_relation
    }


# --- Rule 1: one save is one version ---------------------------------------------

_versions_written = contextvars.ContextVar("versions_written", default=None)


@receiver(post_create_historical_record, dispatch_uid="toolkit_collect_versions")
def _collect_version(sender, instance, history_instance, **kwargs):
    written = _versions_written.get()
    if written is not None:
        written.setdefault((sender, instance.pk), []).append(history_instance)


@contextlib.contextmanager
def one_version_per_save(using=None):
    """Runs the body in a transaction and keeps, of every entry it saved, only
    its last new version: the state after the whole save.

    The versions it replaces were written inside the same transaction, so no
    one ever saw those states. The kept version counts as "Aangemaakt" when the
    entry was created in the body, and takes over a change reason.
    """
    written = {}
    token = _versions_written.set(written)
    try:
        with transaction.atomic(using=using):
            yield
            _merge_versions(written)
    finally:
        _versions_written.reset(token)


def _merge_versions(written):
    for (history_model, _pk), versions in written.items():
        if len(versions) < 2:
            continue
        kept, replaced = versions[-1], versions[:-1]
        replaced_ids = [version.history_id for version in replaced]
        for field in history_model._history_m2m_fields:
            m2m_history_model(history_model, field).objects.filter(
                history_id__in=replaced_ids
            ).delete()
        history_model.objects.filter(history_id__in=replaced_ids).delete()

        changes = {}
        if kept.history_type == "~" and any(v.history_type == "+" for v in replaced):
            changes["history_type"] = "+"
        if not kept.history_change_reason:
            reason = next(
                (v.history_change_reason for v in versions if v.history_change_reason), ""
            )
            if reason:
                changes["history_change_reason"] = reason
        if changes:
            history_model.objects.filter(history_id=kept.history_id).update(**changes)
            for name, value in changes.items():
                setattr(kept, name, value)


# --- Rule 2: loading data is not editing it ----------------------------------------


@receiver(pre_save, dispatch_uid="toolkit_skip_history_of_raw_saves")
def skip_history_of_raw_saves(sender, instance, raw=False, **kwargs):
    """`loaddata` saves an entry raw and then sets its many-to-many fields; each
    set would write a version. A backup must load back exactly as it was dumped,
    history included, so an entry saved raw writes no versions at all.

    simple-history skips an instance that has `skip_history_when_saving`; the
    instance is only the deserialised copy, which loaddata drops afterwards.
    """
    if raw and is_tracked(sender):
        instance.skip_history_when_saving = True


# --- Rule 3: the first version is complete -----------------------------------------

FIRST_VERSION_REASON = "Startinhoud"


def record_first_versions(app_labels=None):
    """Writes the first version of every entry of a model that has no versions
    yet, including its many-to-many values, with the change reason
    "Startinhoud". Use it after loading the seed, instead of `populate_history`,
    which leaves the many-to-many values out: restoring such a version would
    empty a programme's profiles. Returns the number of versions written.
    """
    count = 0
    with transaction.atomic():
        for app_label in app_labels or settings.CONTENT_APPS:
            for model in apps.get_app_config(app_label).get_models():
                if not is_tracked(model) or history_model_of(model).objects.exists():
                    continue
                versions = getattr(model, model._meta.simple_history_manager_attribute)
                created = versions.bulk_history_create(
                    model._default_manager.order_by("pk"),
                    default_change_reason=FIRST_VERSION_REASON,
                )
                count += len(created)
                _record_m2m_values(model, created)
    return count


def _record_m2m_values(model, versions):
    """Copies the current many-to-many rows into the tables of these versions."""
    history_model = history_model_of(model)
    version_of = {getattr(version, model._meta.pk.attname): version for version in versions}
    for field in history_model._history_m2m_fields:
        through = field.remote_field.through
        own_column = through._meta.get_field(get_m2m_field_name(field)).attname
        rows = through._default_manager.filter(**{f"{own_column}__in": list(version_of)})
        target = m2m_history_model(history_model, field)
        target.objects.bulk_create(
            target(
                history=version_of[getattr(row, own_column)],
                **{f.attname: getattr(row, f.attname) for f in through._meta.fields},
            )
            for row in rows
        )
