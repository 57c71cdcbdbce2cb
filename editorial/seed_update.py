"""Bring a database that already holds content up to date with the seed
(fixtures/*.json, `settings.SEED_FIXTURES`) without undoing any staff edit.

- An entry of the seed that the database lacks is added, unless the history shows
  it was there once (staff deleted or renamed it).
- A field the seed sets is filled only when it is empty now and empty in every
  version of the entry; a non-empty field is never changed.
- A many-to-many member of the seed is added unless some version had it (staff
  removed it).
- Nothing is deleted. Every entry changed gets one version whose change reason is
  `UPDATE_REASON`. A second run changes nothing.

Entries are matched by natural key, else by a unique constraint, else by the
fields a model names in `seed_lookup_fields`. Why: docs/decisions/0037-seed-update.md.
"""

import json

from django.apps import apps
from django.core import serializers
from django.core.exceptions import ImproperlyConfigured, ObjectDoesNotExist
from django.core.management import CommandError
from django.core.management.commands.loaddata import Command as LoadData
from django.db import DEFAULT_DB_ALIAS, models, transaction

from . import seed_evidence as evidence
from .seed_report import SeedReport, describe, short
from .versions import FIRST_VERSION_REASON, history_model_of, is_tracked, one_version_per_save

UPDATE_REASON = "Inhoudsupdate uit de startinhoud (load_seed)"


# --- Reading the seed ---------------------------------------------------------------


def fixture_paths(labels):
    """The files `loaddata` would read for these fixture labels, in order."""
    finder = LoadData()
    finder.using = DEFAULT_DB_ALIAS
    finder.app_label = None
    finder.verbosity = 0
    finder.serialization_formats = serializers.get_public_serializer_formats()
    paths = []
    for label in labels:
        for path, _directory, _name in finder.find_fixtures(label):
            if not str(path).endswith(".json"):
                raise CommandError(f"Alleen JSON-startinhoud kan worden bijgewerkt: {path}")
            paths.append(path)
    return paths


def fixture_objects(labels):
    """The seed's entries as written (model, fields), file by file, in order."""
    objects = []
    for path in fixture_paths(labels):
        with open(path, encoding="utf-8") as handle:
            objects.extend(json.load(handle))
    return objects


# --- Matching an entry of the seed to a row -----------------------------------------


def has_natural_key(model) -> bool:
    return hasattr(model, "natural_key") and hasattr(model._default_manager, "get_by_natural_key")


def _meets(condition, instance) -> bool:
    against = instance._get_field_expression_map(meta=instance._meta)
    return condition.check(against)


def identity_sets(model, instance=None):
    """The field-name sets that each identify one entry: `seed_lookup_fields`
    first, then the model's unique constraints and unique fields. A constraint
    with a condition counts for `instance` when it meets the condition, and for
    the model as a whole when no instance is given."""
    sets = []
    lookup = getattr(model, "seed_lookup_fields", None)
    if lookup:
        sets.append(tuple(lookup))
    for constraint in model._meta.constraints:
        if not isinstance(constraint, models.UniqueConstraint) or not constraint.fields:
            continue
        conditional = constraint.condition is not None and instance is not None
        if conditional and not _meets(constraint.condition, instance):
            continue
        sets.append(tuple(constraint.fields))
    sets.extend(tuple(fields) for fields in model._meta.unique_together)
    sets.extend(
        (field.name,)
        for field in model._meta.concrete_fields
        if field.unique and not field.primary_key
    )
    return list(dict.fromkeys(sets))


def can_match(model, instance=None) -> bool:
    """Whether entries of `model` (or this deserialised one) can be found back in
    the database."""
    return has_natural_key(model) or bool(identity_sets(model, instance))


def _values(instance, names):
    model = type(instance)
    return {
        model._meta.get_field(name).attname: getattr(instance, model._meta.get_field(name).attname)
        for name in names
    }


class Ambiguous(Exception):
    """More than one row has the identity of an entry of the seed."""


def find_existing(model, instance):
    """Which row `instance` (deserialised from the seed) is: (row, None); (None,
    None) when there is none; or (other, names) when the identity `names` belongs
    to another row or, in the history, to a row that changed it since or was
    deleted (`other` is that row, or None): that entry is not added again."""
    manager = model._default_manager
    if instance.pk is not None:
        row = manager.filter(pk=instance.pk).first()
        if row is not None:
            return row, None
    sets = identity_sets(model, instance)
    if not has_natural_key(model) and instance.pk is None and sets:
        rows = list(manager.filter(**_values(instance, sets[0]))[:2])
        if len(rows) > 1:
            raise Ambiguous(sets[0])
        if rows:
            return rows[0], None
    for names in sets:
        values = _values(instance, names)
        other = manager.filter(**values).first()
        if other is None:
            pks = evidence.pks_in_history(model, values)
            if not pks:
                continue
            other = manager.filter(pk__in=pks).first()
        return other, names
    return None, None


# --- Applying one entry -------------------------------------------------------------


def _many_to_many(model, name):
    field = model._meta.get_field(name)
    if field.many_to_many and field.remote_field.through._meta.auto_created:
        return field
    return None


def _add(deserialized, report):
    instance = deserialized.object
    with one_version_per_save():
        instance._change_reason = UPDATE_REASON
        instance.save()
        members = {
            name: pks
            for name, pks in (deserialized.m2m_data or {}).items()
            if _many_to_many(type(instance), name) and pks
        }
        for name, pks in members.items():
            getattr(instance, name).set(pks)
        if members:
            instance.save()  # the entry's one version then holds its members too
    report.add(type(instance))


def _fields_to_fill(row, seed, names, report):
    """attname -> seed value of the fields the seed may fill in `row`."""
    fill = {}
    for name in names:
        field = type(row)._meta.get_field(name)
        if not field.concrete or field.many_to_many or field.primary_key:
            continue
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            continue
        new, current = field.value_from_object(seed), field.value_from_object(row)
        if new == current:
            continue
        if evidence.is_empty(field, new):
            # The seed has nothing here now. Listed when the value is the seed's
            # old one (never empty), not when staff filled an empty field.
            if not evidence.is_empty(field, current) and not evidence.ever_held(row, field, new):
                report.seed_differs(row, name, current, new)
            continue
        if not evidence.is_empty(field, current):
            if evidence.ever_held(row, field, new):
                report.changed(row, name, current, new)
            else:
                report.seed_differs(row, name, current, new)
        elif evidence.ever_held_a_value(row, field):
            report.emptied(row, name)
        else:
            fill[field.attname] = new
    return fill


def _members_to_add(row, deserialized, names, report):
    """field name -> member ids the seed may add to `row`."""
    add = {}
    model = type(row)
    for name, pks in (deserialized.m2m_data or {}).items():
        field = _many_to_many(model, name)
        if field is None or name not in names:
            continue
        present = set(getattr(row, name).values_list("pk", flat=True))
        missing = [pk for pk in dict.fromkeys(pks) if pk not in present]
        removed = evidence.members_ever_held(row, field, missing)
        for member in field.related_model._default_manager.filter(pk__in=removed):
            report.member_removed(row, name, member)
        if wanted := [pk for pk in missing if pk not in removed]:
            add[name] = wanted
    return add


def _fill(row, deserialized, names, report):
    fill = _fields_to_fill(row, deserialized.object, names, report)
    members = _members_to_add(row, deserialized, names, report)
    if not fill and not members:
        return
    with one_version_per_save():
        row._change_reason = UPDATE_REASON
        for attname, value in fill.items():
            setattr(row, attname, value)
        for name, pks in members.items():
            getattr(row, name).add(*pks)
        row.save()
    report.fill(type(row), len(fill) + len(members))


def _report_left_over(models_in_seed, seen, report):
    """Rows that came from an earlier seed (their first version says so) and that
    no entry of this seed matched: the seed dropped them; staff decide."""
    reasons = [FIRST_VERSION_REASON, UPDATE_REASON]
    for model in models_in_seed:
        if not is_tracked(model):
            continue
        pk = model._meta.pk.attname
        seeded = history_model_of(model).objects.filter(
            history_type="+", history_change_reason__in=reasons
        )
        rows = model._default_manager.filter(pk__in=seeded.values(pk))
        for row in rows.exclude(pk__in=seen.get(model, ())):
            report.left_over(row)


def _apply(raw, deserialized, report, seen):
    instance = deserialized.object
    model = type(instance)
    if not can_match(model, instance):
        report.cannot_add(describe(instance), "niets om het in de database mee terug te vinden")
        return
    try:
        row, names = find_existing(model, instance)
    except Ambiguous as error:
        names = ", ".join(error.args[0])
        report.cannot_add(describe(instance), f"meer dan één onderdeel met dezelfde {names}")
        return
    if names is not None:
        report.gone(instance, names)
    elif row is None:
        _add(deserialized, report)
        row = instance
    else:
        _fill(row, deserialized, set(raw.get("fields", {})), report)
    if row is not None:
        seen.setdefault(model, set()).add(row.pk)


def _deserialize(raw):
    """The one deserialised entry of `raw`, or None when it refers to an entry
    that is not in the database (yet)."""
    try:
        (deserialized,) = serializers.deserialize("python", [raw], handle_forward_references=True)
    except ObjectDoesNotExist:
        return None
    return None if deserialized.deferred_fields else deserialized


def check_matchable(raw_objects):
    models_in_seed = {apps.get_model(raw["model"]) for raw in raw_objects}
    unmatched = sorted(m._meta.label for m in models_in_seed if not can_match(m))
    if unmatched:
        raise ImproperlyConfigured(
            "Deze modellen in de startinhoud hebben geen natuurlijke sleutel, unieke "
            f"velden of seed_lookup_fields: {', '.join(unmatched)}"
        )


def update_from_seed(labels) -> SeedReport:
    """Adds and fills what the seed holds and the database lacks (module docstring).
    One transaction; returns what it did and what it left alone."""
    raw_objects = fixture_objects(labels)
    check_matchable(raw_objects)
    report = SeedReport()
    seen = {}  # model -> pks of the rows that entries of the seed matched
    with transaction.atomic():
        pending = raw_objects
        while pending:
            postponed = []
            for raw in pending:
                deserialized = _deserialize(raw)
                if deserialized is None:
                    postponed.append(raw)  # retried once the entries it refers to exist
                else:
                    _apply(raw, deserialized, report, seen)
            if len(postponed) == len(pending):
                for raw in postponed:
                    fields = short(json.dumps(raw.get("fields", {}), ensure_ascii=False))
                    report.cannot_add(
                        raw["model"], f"verwijst naar iets dat niet bestaat: {fields}"
                    )
                break
            pending = postponed
        _report_left_over({apps.get_model(raw["model"]) for raw in raw_objects}, seen, report)
    return report
