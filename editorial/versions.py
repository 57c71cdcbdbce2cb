"""Three rules that keep django-simple-history's versions of the content honest.

1. One save is one version (`one_version_per_save()`, used by the admin).
2. Loading data (the seed, a backup) writes no versions (`skip_history_of_raw_saves`).
3. The first version holds the many-to-many values too (`record_first_versions()`).

The signal receivers connect when the app is ready (editorial/apps.py). Why each
rule: docs/decisions/0006-one-version-per-save.md, 0007-no-versions-for-loaded-data.md and
0008-complete-first-versions.md.
"""

import contextlib
import contextvars

from django.apps import apps
from django.conf import settings
from django.db import transaction
from django.db.models.signals import pre_save
from django.dispatch import receiver
from simple_history.signals import post_create_historical_record
from simple_history.utils import get_m2m_field_name


def is_tracked(model):
    """Whether django-simple-history keeps versions of this model."""
    return hasattr(model._meta, "simple_history_manager_attribute")


def history_model_of(model):
    return getattr(model, model._meta.simple_history_manager_attribute).model


def m2m_history_model(history_model, field):
    """The table that holds the values of many-to-many `field` for each version."""
    return getattr(history_model, field.name).model


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
