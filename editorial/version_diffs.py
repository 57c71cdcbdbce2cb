"""What changed between two versions of an entry, field by field, for the history pages.

simple-history's `diff_against()` finds the changed fields and
`editorial.field_changes.ChangeDisplay` words them; a text whose line endings
alone differ is no change (editorial/line_endings.py). A page of versions costs a
fixed number of queries, however many versions it shows (tests/test_history.py).
"""

from django.forms.models import model_to_dict
from simple_history.models import ModelChange
from simple_history.utils import get_m2m_reverse_field_name

from .field_changes import ChangeDisplay
from .line_endings import same_text
from .versions import m2m_history_model


def compare_versions(pairs, related_querysets=None):
    """The changed fields of each (newer, older) pair of versions of one model.

    Returns {newer.history_id: [FieldChange, ...]} in the order of the model's
    fields. `related_querysets` maps a related model to the queryset its objects
    are read from (an admin's get_queryset() selects what their names need).
    """
    pairs = [(newer, older) for newer, older in pairs if older is not None]
    if not pairs:
        return {}
    history_model = type(pairs[0][0])
    m2m_fields = list(history_model._history_m2m_fields)
    m2m_names = [field.name for field in m2m_fields]
    model = history_model.instance_type
    # The model's own order: simple-history keeps its many-to-many fields in a set.
    field_order = {field.name: index for index, field in enumerate(_model_fields(model))}
    # Custom: diff_against() reads many-to-many per pair: 400 queries for 50 versions, here 6.
    m2m_values = _m2m_values(history_model, m2m_fields, {r.history_id for p in pairs for r in p})

    deltas = {}
    for newer, older in pairs:
        # Without the many-to-many fields no query: foreign keys stay primary keys.
        # A text that differs only in its line endings (CRLF saved before they were
        # normalised) did not change for anyone reading it.
        changes = [
            change
            for change in newer.diff_against(older, excluded_fields=m2m_names).changes
            if not same_text(change.old, change.new)
        ]
        for name in m2m_names:
            old = m2m_values[name].get(older.history_id, frozenset())
            new = m2m_values[name].get(newer.history_id, frozenset())
            if old != new:
                changes.append(ModelChange(name, old, new))
        deltas[newer.history_id] = sorted(changes, key=lambda change: field_order[change.field])

    related = _related_entries(model, deltas.values(), related_querysets)
    display = ChangeDisplay(model, related)
    return {
        history_id: [display.show(change.field, change.old, change.new) for change in changes]
        for history_id, changes in deltas.items()
    }


def restore_changes(record, current, restored_m2m, related_querysets=None):
    """What restoring version `record` changes in `current`, the entry as stored
    now: [FieldChange] in the model's field order.

    Compared as the restore saves, so the page promises only what happens: with
    the entry as it is now (not its latest version, which a save without history
    may have left behind); a text with LF line endings; a related entry deleted
    since cannot come back, so it is left out of a many-to-many field and leaves
    a foreign key empty (the form cannot choose it); of the many-to-many fields,
    only `restored_m2m`, the ones the restore form sets.
    """
    history_model = type(record)
    model = history_model.instance_type
    names = [
        field.name
        for field in history_model.tracked_fields
        if field.editable and not field.primary_key
    ]
    old_values = model_to_dict(current, fields=names)
    new_values = model_to_dict(record, fields=names)
    changes = [
        ModelChange(name, old_values.get(name), new_values.get(name))
        for name in names
        if not same_text(old_values.get(name), new_values.get(name))
    ]
    version_m2m = _m2m_values(history_model, history_model._history_m2m_fields, {record.pk})
    for field in history_model._history_m2m_fields:
        if field.name not in restored_m2m:
            continue
        old = frozenset(getattr(current, field.name).values_list("pk", flat=True))
        new = version_m2m[field.name].get(record.pk, frozenset())
        changes.append(ModelChange(field.name, old, new))

    existing = _existing_pks(model, changes)
    kept = []
    for change in changes:
        field = model._meta.get_field(change.field)
        new = change.new
        if field.many_to_many:
            new = frozenset(new) & existing[field.related_model]
        elif field.is_relation and new is not None and new not in existing[field.related_model]:
            new = None
        if new != change.old:
            kept.append(ModelChange(change.field, change.old, new))
    field_order = {field.name: index for index, field in enumerate(_model_fields(model))}
    kept.sort(key=lambda change: field_order[change.field])
    display = ChangeDisplay(model, _related_entries(model, [kept], related_querysets))
    return [display.show(change.field, change.old, change.new) for change in kept]


def _model_fields(model):
    return [*model._meta.concrete_fields, *model._meta.many_to_many]


def _existing_pks(model, changes):
    """{related model: set of the primary keys among the new values that still exist}."""
    wanted = {}
    for change in changes:
        field = model._meta.get_field(change.field)
        if field.many_to_many:
            wanted.setdefault(field.related_model, set()).update(change.new)
        elif field.is_relation and change.new is not None:
            wanted.setdefault(field.related_model, set()).add(change.new)
    existing = {}
    for related_model, pks in wanted.items():
        existing[related_model] = set(
            related_model._default_manager.filter(pk__in=list(pks)).values_list("pk", flat=True)
        )
    return existing


def _m2m_values(history_model, m2m_fields, history_ids):
    """{field name: {history_id: frozenset of related primary keys}}, one query a field."""
    values = {}
    for field in m2m_fields:
        column = f"{get_m2m_reverse_field_name(field)}_id"
        by_version = {}
        rows = (
            m2m_history_model(history_model, field)
            .objects.filter(history_id__in=list(history_ids))
            .values_list("history_id", column)
        )
        for history_id, related_pk in rows:
            by_version.setdefault(history_id, set()).add(related_pk)
        values[field.name] = {key: frozenset(pks) for key, pks in by_version.items()}
    return values


def _related_entries(model, deltas, related_querysets):
    """{related model: {pk: entry}} of every entry the changes name: one query a model."""
    wanted = {}
    for changes in deltas:
        for change in changes:
            field = model._meta.get_field(change.field)
            if not field.is_relation:
                continue
            pks = (
                set(change.old) | set(change.new)
                if field.many_to_many
                else {change.old, change.new}
            )
            wanted.setdefault(field.related_model, set()).update(pks - {None})
    related = {}
    for related_model, pks in wanted.items():
        queryset = (related_querysets or {}).get(related_model)
        if queryset is None:
            queryset = related_model._default_manager.all()
        related[related_model] = queryset.in_bulk(list(pks))
    return related


def admin_querysets(admin_site, request, models):
    """The querysets the admin reads these models with, for naming them cheaply."""
    return {
        model: admin_site.get_model_admin(model).get_queryset(request)
        for model in models
        if admin_site.is_registered(model)
    }


def related_models_of(history_model):
    return {
        field.related_model
        for field in [*history_model.tracked_fields, *history_model._history_m2m_fields]
        if field.is_relation
    }
