"""The Dutch messages of a refused save: what changed meanwhile, and what to do now.

Changed values read as on the history pages (editorial.field_changes).
"""

from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from editorial.field_changes import ChangeDisplay
from editorial.versions import is_tracked

from .snapshots import python_value

CONFLICT_TEMPLATE = "admin/concurrency/_conflict.html"


def _what(model, row):
    return _("%(kind)s “%(name)s”") % {"kind": model._meta.verbose_name, "name": row}


def gone_error(model, instance, *, is_row, moved):
    """The entry, or an inline row (`is_row`), is no longer there: deleted, or
    (a row) `moved` to another entry."""
    if is_row:
        if moved:
            what_happened = _(
                "Iemand anders heeft de rij bij een ander item gezet nadat u deze pagina opende."
            )
        else:
            what_happened = _("Iemand anders heeft de rij verwijderd nadat u deze pagina opende.")
        message = _(
            "Deze rij (%(kind)s) staat hier niet meer. %(what_happened)s Er is nog niets "
            "opgeslagen. Wilt u de rij hier toch houden? Klik dan opnieuw op Opslaan: de rij "
            "komt terug met de gegevens die u hier ziet. Wilt u de rij niet houden? Vink "
            "dan ‘Verwijderen’ aan en klik op Opslaan."
        ) % {"kind": model._meta.verbose_name, "what_happened": what_happened}
    else:
        message = _(
            "Iemand anders heeft %(what)s verwijderd nadat u deze pagina opende. "
            "Uw wijzigingen zijn niet opgeslagen."
        ) % {"what": _what(model, instance)}
    return ValidationError(message, code="deleted_meanwhile")


def back_meanwhile_error(model, row):
    return ValidationError(
        _(
            "Iemand anders heeft %(what)s teruggezet nadat u deze pagina opende. Uw "
            "wijzigingen zijn nog niet opgeslagen. Kijk de gegevens na en klik daarna "
            "opnieuw op Opslaan."
        )
        % {"what": _what(model, row)},
        code="restored_meanwhile",
    )


def damaged_error(model, row):
    return ValidationError(
        _(
            "Dit formulier kon niet worden gecontroleerd: een verborgen controlegegeven "
            "is beschadigd. Daardoor weten we niet zeker of iemand anders %(what)s "
            "intussen heeft gewijzigd. Uw wijzigingen zijn nog niet opgeslagen. Kijk de "
            "gegevens na en klik daarna opnieuw op Opslaan."
        )
        % {"what": _what(model, row)},
        code="damaged_snapshot",
    )


def conflict_error(model, row, changes):
    """`changes`: (field, old snapshot value, new snapshot value, adopted) for each
    field someone else changed; `adopted` when the form now shows the new value."""
    display = ChangeDisplay(model, _related_objects(changes))
    shown = []
    for field, old, new, adopted in changes:
        change = display.show(field.name, python_value(field, old), python_value(field, new))
        shown.append(
            {"label": change.label, "old": change.old, "new": change.new, "adopted": adopted}
        )
    html = render_to_string(
        CONFLICT_TEMPLATE,
        {"what": _what(model, row), "changes": shown, "last_save": _last_save(row)},
    )
    return ValidationError(html, code="edit_conflict")


def _related_objects(changes):
    """{related model: {pk: object}} for naming the related values in the message."""
    wanted = {}
    for field, old, new, _adopted in changes:
        if not field.is_relation:
            continue
        pks = set()
        for value in (old, new):
            value = python_value(field, value)
            pks.update(value if field.many_to_many else [value])
        wanted.setdefault(field.related_model, set()).update(pks - {None})
    return {model: model._default_manager.in_bulk(list(pks)) for model, pks in wanted.items()}


def _last_save(row):
    """Who saved the entry last and when, from its history (None if it does not say)."""
    if not is_tracked(type(row)):
        return None
    versions = getattr(row, type(row)._meta.simple_history_manager_attribute)
    latest = versions.select_related("history_user").first()
    if latest is None:
        return None
    user = latest.history_user
    if user is None:
        name = ""
    else:
        full_name = user.get_full_name().strip()
        name = f"{full_name} ({user.get_username()})" if full_name else user.get_username()
    when = timezone.localtime(latest.history_date)
    return {
        "user": name,
        "date": date_format(when, "j F Y"),
        "time": date_format(when, "H:i"),
    }
