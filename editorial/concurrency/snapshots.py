"""Snapshots: the stored values of the fields a form edits, as compact signed JSON.

A snapshot is signed so that what a save compares with, and shows as "old", is
what the server sent; it is no security boundary (see the decision in
docs/decisions/0005-no-lost-edits.md).
"""

import json

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder

from editorial.line_endings import normalise_line_endings

SALT = "editorial.concurrency.loaded_state"


def _jsonable(value):
    """Values as JSON gives them back, so a snapshot compares equal to a fresh one."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _related_pks(instance, field):
    """The primary keys of a many-to-many field; uses a prefetch if there is one."""
    if instance.pk is None:
        return []
    return [obj.pk for obj in getattr(instance, field.name).all()]


def stored_value(instance, field):
    """A field's stored value; a text with LF line endings, as the form reads it."""
    if field.many_to_many:
        return _related_pks(instance, field)
    return normalise_line_endings(field.value_from_object(instance))


def snapshot(instance, fields):
    """{field name: stored value as JSON} of `fields` of `instance`."""
    state = _jsonable({field.name: stored_value(instance, field) for field in fields})
    for field in fields:
        if field.many_to_many:
            state[field.name] = sorted(state[field.name], key=str)
    return state


def sign_snapshot(instance, state, **extra):
    payload = {"m": instance._meta.label_lower, "pk": _jsonable(instance.pk), "s": state, **extra}
    return sign_payload(payload)


def sign_payload(payload):
    return signing.dumps(payload, salt=SALT, compress=True)


def unsign_snapshot(token, model):
    """The payload of a token, or None when it is damaged or for another model."""
    try:
        payload = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return None
    if (
        not isinstance(payload, dict)
        or payload.get("m") != model._meta.label_lower
        or not isinstance(payload.get("s"), dict)
        or "pk" not in payload
    ):
        return None
    return payload


def python_value(field, value):
    """A snapshot value back as the model field holds it (a date, a primary key)."""
    if field.many_to_many:
        return [field.related_model._meta.pk.to_python(pk) for pk in value]
    if value is None:
        return None
    try:
        return field.to_python(value)
    except ValidationError:
        return value
