"""What the change history (django-simple-history) shows about an entry, for the
seed update (editorial/seed_update.py): whether staff emptied or changed a field,
removed a member of a many-to-many field, or renamed or deleted an entry.

Every question is "did any version ever hold this?": the history keeps every
version, also of deleted entries. A model or many-to-many field without history
gives no evidence, so the answer is "no". Why: docs/decisions/0037-seed-update.md.
"""

from django.core.exceptions import FieldDoesNotExist
from simple_history.utils import get_m2m_field_name, get_m2m_reverse_field_name

from .versions import history_model_of, is_tracked, m2m_history_model


def is_empty(field, value) -> bool:
    """An unknown value: None, "" or an empty JSON list or object. A boolean that
    cannot be None always holds a value (its default counts as one)."""
    if value is None or value == "":
        return True
    return field.get_internal_type() == "JSONField" and value in ([], {})


def _versions_of(instance):
    model = type(instance)
    if not is_tracked(model):
        return None
    pk = model._meta.pk.attname
    return history_model_of(model).objects.filter(**{pk: instance.pk})


def _tracks(history_model, field) -> bool:
    try:
        history_model._meta.get_field(field.name)
    except FieldDoesNotExist:  # the model leaves it out of its history
        return False
    return True


def ever_held_a_value(instance, field) -> bool:
    """Whether some version of `instance` had a value in `field`."""
    versions = _versions_of(instance)
    if versions is None or not _tracks(versions.model, field):
        return False
    held = versions.values_list(field.attname, flat=True).distinct()
    return any(not is_empty(field, value) for value in held)


def ever_held(instance, field, value) -> bool:
    """Whether some version of `instance` had exactly `value` in `field`."""
    versions = _versions_of(instance)
    if versions is None or not _tracks(versions.model, field):
        return False
    return versions.filter(**{field.attname: value}).exists()


def tracks_members(model, field) -> bool:
    """Whether the history keeps the members of many-to-many `field` per version."""
    if not is_tracked(model):
        return False
    names = {f.name for f in getattr(history_model_of(model), "_history_m2m_fields", ())}
    return field.name in names


def members_ever_held(instance, field, pks) -> set:
    """Of the member ids `pks`, those that some version of `instance` had in
    many-to-many `field`: members that are gone now were removed by someone."""
    model = type(instance)
    if not pks or not tracks_members(model, field):
        return set()
    history_model = history_model_of(model)
    through = field.remote_field.through
    own = through._meta.get_field(get_m2m_field_name(field)).attname
    target = through._meta.get_field(get_m2m_reverse_field_name(field)).attname
    rows = m2m_history_model(history_model, field).objects.filter(
        **{own: instance.pk, f"{target}__in": list(pks)}
    )
    return set(rows.values_list(target, flat=True))


def pks_in_history(model, values: dict) -> set:
    """The ids of the entries of `model`, existing or deleted, of which some
    version had these values (attname -> value): then the seed's entry was there
    once, and someone changed or deleted it since."""
    if not is_tracked(model):
        return set()
    pk = model._meta.pk.attname
    return set(history_model_of(model).objects.filter(**values).values_list(pk, flat=True))
