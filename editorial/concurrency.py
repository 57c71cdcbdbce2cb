"""No lost edits: a save that would overwrite someone else's newer save is refused.

Two staff members open the same entry; A saves; then B saves. Without a check,
B's form (still holding what B loaded) silently undoes A's changes. Here B's
save is refused instead, with a Dutch message that lists what changed since B
opened the page (field: old → new, and who saved last, from the history), and
nothing B typed is lost: the admin shows the form again with B's input.

How it works (optimistic concurrency control, no locks while people type):

1. The change form carries a hidden field `_loaded_state`: a signed snapshot of
   the stored values the form was filled with. Each existing inline row carries
   one for its own row. The snapshot covers the model fields the form edits
   (concrete fields and many-to-many ids as sorted lists), as compact JSON.
2. On save, the form's clean() (inside the admin's transaction) reads the row's
   current values again with `select_for_update()`, so on PostgreSQL no one can
   save the row between this check and our save. (SQLite has no row locks and
   ignores it; it lets one transaction write at a time, so there a save that
   races ours fails with "database is locked" instead of being overwritten.)
   Values that differ from the snapshot mean someone saved meanwhile: the form
   gets a non-field error, so nothing of the page is saved.
3. The form shown again must let the second attempt succeed without undoing the
   other person's work. So the hidden snapshot now holds the CURRENT values, and
   each field that changed meanwhile but that the user did not touch shows the
   new value (through `_widget_data_value()`, the one method through which a
   Django form reads its input). Fields the user did change keep the user's
   input; the message says which, so the user can choose. Saving again then
   stores both people's work.

Decisions:
- Only the fields the form edits are compared, not every field of the model. A
  field the form does not show (a step's texts, when the step is a row on its
  route's page) is not overwritten by this save, so a change there is no
  conflict; refusing the save would only puzzle staff with a field they cannot
  see. To make that hold in a race too, the instance being saved takes those
  fields from the locked row. A field both people changed to the same value is
  no conflict either.
- The snapshot holds values, not a version number or a hash: the message needs
  the old values, and no model needs an extra column.
- It is signed (salted) so that what we compare with, and show as "old", is what
  the server sent. It is no security boundary: a form without it (a page opened
  before this check existed) is saved without the check, as staff could always
  leave it out. A snapshot that is damaged or belongs to another entry is
  refused with a Dutch message; the form then carries a fresh one.
- An inline row deleted meanwhile (or moved to another entry) gets a Dutch
  message in its own row, instead of Django's "select a valid choice" on a
  hidden id. The user then ticks "Verwijderen" to let it go, or saves again to
  add it back with what the page shows. For that message to be seen at all, the
  formset shows every posted row again (`NoLostEditsFormSetMixin`). An inline
  row that someone added meanwhile is no conflict: this form does not touch it.
  The main entry deleted meanwhile is handled by the admin itself (a redirect
  with a Dutch message).
- Deleting a row (the inline's "Verwijderen" box) is never refused: the user saw
  the row and chose to remove it; Django skips the checks of deleted rows.
- On simple-history's "restore this version" page the form holds an old
  version's values, so its snapshot is taken from the stored row instead: a
  restore is refused too when someone saved after the page was opened. An entry
  that was deleted before that page was opened is simply brought back.

The admin side (`NoLostEditsAdminMixin`, `NoLostEditsInlineMixin`) gives every
content admin page and inline this behaviour, and puts the hidden field on
change pages only: an add page has nothing to overwrite, and a read-only page
saves nothing.
"""

import functools
import json

from django import forms
from django.core import signing
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router
from django.forms.boundfield import BoundField
from django.forms.models import InlineForeignKeyField
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME
from simple_history.template_utils import ObjDiffDisplay

from .versions import display_value, is_tracked

FIELD_NAME = "_loaded_state"
SALT = "editorial.concurrency.loaded_state"
CONFLICT_TEMPLATE = "admin/concurrency/_conflict.html"
# Long texts in the message are shown around their first difference.
MAX_SHOWN_CHARS = 160


# --- The hidden field ------------------------------------------------------------


class LoadedStateBoundField(BoundField):
    """Renders the form's snapshot token, and no label (the field is hidden)."""

    def value(self):
        return self.form.loaded_state_token()

    def label_tag(self, *args, **kwargs):
        return ""


class LoadedStateField(forms.CharField):
    """The hidden, signed snapshot. It never counts as a change by the user, so
    an empty extra inline row stays empty and the admin's change message (and
    history) does not mention it."""

    widget = forms.HiddenInput

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", "")
        super().__init__(**kwargs)

    def has_changed(self, initial, data):
        return False

    def get_bound_field(self, form, field_name):
        return LoadedStateBoundField(form, self, field_name)


# --- Snapshots ---------------------------------------------------------------------


def _jsonable(value):
    """Values as JSON gives them back, so a snapshot compares equal to a fresh one."""
    return json.loads(json.dumps(value, cls=DjangoJSONEncoder))


def _related_pks(instance, field):
    """The primary keys of a many-to-many field; uses a prefetch if there is one."""
    if instance.pk is None:
        return []
    return [obj.pk for obj in getattr(instance, field.name).all()]


def _stored_value(instance, field):
    if field.many_to_many:
        return _related_pks(instance, field)
    return field.value_from_object(instance)


def snapshot(instance, fields):
    """{field name: stored value as JSON} of `fields` of `instance`."""
    state = _jsonable({field.name: _stored_value(instance, field) for field in fields})
    for field in fields:
        if field.many_to_many:
            state[field.name] = sorted(state[field.name], key=str)
    return state


def sign_snapshot(instance, state, **extra):
    payload = {"m": instance._meta.label_lower, "pk": _jsonable(instance.pk), "s": state, **extra}
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


def _python_value(field, value):
    """A snapshot value back as the model field holds it (a date, a primary key)."""
    if field.many_to_many:
        return [field.related_model._meta.pk.to_python(pk) for pk in value]
    if value is None:
        return None
    try:
        return field.to_python(value)
    except ValidationError:
        return value


# --- The form ----------------------------------------------------------------------


class NoLostEditsFormMixin(forms.ModelForm):
    """Refuses to save over a save made after this form was loaded (see the
    module docstring). A ModelForm without Meta, so it combines with any admin
    form; `with_no_lost_edits()` does that."""

    _loaded_state = LoadedStateField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._fresh_token = None  # the snapshot to send with the form shown again
        self._adopted = {}  # html name -> a newer stored value to show instead of the input
        # A row deleted meanwhile that the user, told so, saved again: add it back.
        self.adds_back_gone_row = False

    # Rendering ----------------------------------------------------------------

    def loaded_state_token(self):
        if self._fresh_token is not None:
            return self._fresh_token
        if self.is_bound:
            return self.data.get(self.add_prefix(FIELD_NAME), "")
        return self._token_for_render()

    def _token_for_render(self):
        instance = self.instance
        if instance.pk is None or instance._state.adding:
            return ""
        if getattr(instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None:
            # An old version on simple-history's restore page: compare with the stored row.
            instance = self._read_row(lock=False)
            if instance is None:  # restoring an entry that was deleted: nothing stored
                return self._absent_token()
        return sign_snapshot(instance, snapshot(instance, self._compared_fields()))

    def _absent_token(self):
        """The snapshot of an entry that is not stored (a deleted one, being restored)."""
        return sign_snapshot(self.instance, {}, absent=True)

    def _widget_data_value(self, widget, html_name):
        """Shows, in the form shown again after a conflict, the newer stored value
        of each field the user left alone (Django reads all input through here)."""
        if html_name in self._adopted:
            return self._adopted[html_name]
        return super()._widget_data_value(widget, html_name)

    # Checking -------------------------------------------------------------------

    def clean(self):
        try:
            self._check_for_newer_save()
        except ValidationError as error:
            self.add_error(None, error)
        return super().clean()

    def _compared_fields(self):
        """The model fields this form edits: what a save of it could overwrite."""
        opts = self._meta.model._meta
        fields = []
        for name, form_field in self.fields.items():
            if name == FIELD_NAME or form_field.disabled:
                continue
            if isinstance(form_field, InlineForeignKeyField):
                continue  # the row's parent: a row moved elsewhere is no longer on this page
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.ManyToManyField) or (
                field.concrete and field.editable and not field.primary_key
            ):
                fields.append(field)
        return fields

    def _read_row(self, lock):
        model = self._meta.model
        using = self.instance._state.db or router.db_for_write(model, instance=self.instance)
        queryset = model._base_manager.using(using).filter(pk=self.instance.pk)
        connection = connections[using]
        if lock and connection.features.has_select_for_update and connection.in_atomic_block:
            queryset = queryset.select_for_update()
        return queryset.first()

    def _check_for_newer_save(self):
        if not self.is_bound:
            return
        token = self.data.get(self.add_prefix(FIELD_NAME), "")
        if self.instance.pk is None:
            self._check_row_still_here(token)
            return
        row = self._read_row(lock=True)
        payload = unsign_snapshot(token, self._meta.model) if token else None
        damaged = bool(token) and (payload is None or str(payload["pk"]) != str(self.instance.pk))
        if row is None:
            if not token or (not damaged and payload.get("absent")):
                return  # restoring an entry that was already deleted (or an old page)
            if damaged:
                self._fresh_token = self._absent_token()
                raise self._damaged_error(self.instance)
            # Deleted meanwhile (on a version page), or since the admin read it just now.
            self._fresh_token = signing.dumps({**payload, "gone": True}, salt=SALT, compress=True)
            raise self._gone_error(moved=False)
        self._take_values_not_on_the_form(row)
        fields = self._compared_fields()
        current = snapshot(row, fields)
        self._fresh_token = sign_snapshot(row, current)
        if not token:
            return  # a page from before this check: saved as before
        if damaged:
            raise self._damaged_error(row)
        if payload.get("absent"):
            raise self._back_meanwhile_error(row)

        loaded = payload["s"]
        changes = []
        for field in fields:
            if field.name not in loaded or loaded[field.name] == current[field.name]:
                continue
            form_field = self.fields[field.name]
            html_name = self.add_prefix(field.name)
            typed = super()._widget_data_value(form_field.widget, html_name)
            new_value = _python_value(field, current[field.name])
            if not form_field.has_changed(new_value, typed):
                continue  # the form already holds the new value: nothing to lose
            user_changed = form_field.has_changed(_python_value(field, loaded[field.name]), typed)
            if not user_changed:
                self._adopted[html_name] = _stored_value(row, field)
            changes.append((field, loaded[field.name], current[field.name], not user_changed))
        if changes:
            raise self._conflict_error(row, changes)

    def _take_values_not_on_the_form(self, row):
        """Copies, from the row as it is now (locked), the fields this form does
        not edit into the instance it will save. The admin read the instance a
        moment before the lock; a save by someone else in between would
        otherwise be undone for those fields, with nothing to compare them with
        (a step edited as a row on its route's page leaves out its texts).
        Not on a version's page: restoring a version restores all its fields."""
        if getattr(self.instance, SIMPLE_HISTORY_REVERSE_ATTR_NAME, None) is not None:
            return
        for field in row._meta.concrete_fields:
            if not field.primary_key and field.name not in self.fields:
                setattr(self.instance, field.attname, getattr(row, field.attname))

    def _check_row_still_here(self, token):
        """An inline row that is no longer on this page: the formset found no row
        with the posted id (deleted, or moved to another entry), so it gave the
        form a new, empty instance. The first save says so; a second one, after
        the user read that and did not tick "Verwijderen", adds the row back
        (`NoLostEditsFormSetMixin.save_new_objects()`)."""
        model = self._meta.model
        posted_pk = self.data.get(self.add_prefix(model._meta.pk.name))
        if not token or not posted_pk:
            return  # a new row, or "save as new"
        payload = unsign_snapshot(token, model)
        if payload is None or str(payload["pk"]) != str(posted_pk):
            return
        # Instead of Django's "select a valid choice" on the hidden id.
        self._errors.pop(model._meta.pk.name, None)
        if payload.get("gone"):
            self.adds_back_gone_row = True
            return
        self._fresh_token = signing.dumps({**payload, "gone": True}, salt=SALT, compress=True)
        raise self._gone_error(moved=model._base_manager.filter(pk=payload["pk"]).exists())

    # Messages -------------------------------------------------------------------

    def _is_row(self):
        """Whether this form is a row in an inline (it then has a prefix)."""
        return bool(self.prefix)

    def _what(self, row):
        return _("%(kind)s “%(name)s”") % {"kind": self._meta.model._meta.verbose_name, "name": row}

    def _gone_error(self, moved):
        if self._is_row():
            if moved:
                what_happened = _(
                    "Iemand anders heeft de rij bij een ander item gezet nadat u deze "
                    "pagina opende."
                )
            else:
                what_happened = _(
                    "Iemand anders heeft de rij verwijderd nadat u deze pagina opende."
                )
            message = _(
                "Deze rij (%(kind)s) staat hier niet meer. %(what_happened)s Er is nog niets "
                "opgeslagen. Wilt u de rij hier toch houden? Klik dan opnieuw op Opslaan: de rij "
                "komt terug met de gegevens die u hier ziet. Wilt u de rij niet houden? Vink "
                "dan ‘Verwijderen’ aan en klik op Opslaan."
            ) % {"kind": self._meta.model._meta.verbose_name, "what_happened": what_happened}
        else:
            message = _(
                "Iemand anders heeft %(what)s verwijderd nadat u deze pagina opende. "
                "Uw wijzigingen zijn niet opgeslagen."
            ) % {"what": self._what(self.instance)}
        return ValidationError(message, code="deleted_meanwhile")

    def _back_meanwhile_error(self, row):
        return ValidationError(
            _(
                "Iemand anders heeft %(what)s teruggezet nadat u deze pagina opende. Uw "
                "wijzigingen zijn nog niet opgeslagen. Kijk de gegevens na en klik daarna "
                "opnieuw op Opslaan."
            )
            % {"what": self._what(row)},
            code="restored_meanwhile",
        )

    def _damaged_error(self, row):
        return ValidationError(
            _(
                "Dit formulier kon niet worden gecontroleerd: een verborgen controlegegeven "
                "is beschadigd. Daardoor weten we niet zeker of iemand anders %(what)s "
                "intussen heeft gewijzigd. Uw wijzigingen zijn nog niet opgeslagen. Kijk de "
                "gegevens na en klik daarna opnieuw op Opslaan."
            )
            % {"what": self._what(row)},
            code="damaged_snapshot",
        )

    def _conflict_error(self, row, changes):
        related = _related_objects(changes)
        shortener = ObjDiffDisplay(max_length=MAX_SHOWN_CHARS)
        shown = []
        for field, old, new, adopted in changes:
            old_text = display_value(field, _python_value(field, old), related)
            new_text = display_value(field, _python_value(field, new), related)
            if not field.is_relation:
                old_text, new_text = shortener.common_shorten_repr(old_text, new_text)
            shown.append(
                {
                    "label": capfirst(field.verbose_name),
                    "old": old_text,
                    "new": new_text,
                    "adopted": adopted,
                }
            )
        html = render_to_string(
            CONFLICT_TEMPLATE,
            {"what": self._what(row), "changes": shown, "last_save": _last_save(row)},
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
            value = _python_value(field, value)
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


@functools.cache
def with_no_lost_edits(form_class):
    """`form_class` with the check, under the same name (the admin shows it nowhere)."""
    if issubclass(form_class, NoLostEditsFormMixin):
        return form_class
    return type(form_class.__name__, (NoLostEditsFormMixin, form_class), {})


# --- The inline formset ------------------------------------------------------------------


class NoLostEditsFormSetMixin:
    """For an inline formset: shows every posted row again, and adds back a row
    deleted meanwhile when the user chose to keep it.

    The admin pairs the rows of a formset shown again with `get_queryset()`, by
    position. A row deleted meanwhile is missing there, so Django would leave
    out the last row and show the others next to the wrong entries: the message
    about the deleted row would never be seen, and the next save would fail on
    rows missing from the page. Once the forms exist, `get_queryset()` therefore
    answers each posted row's own instance.
    """

    def get_queryset(self):
        if self.is_bound and "forms" in self.__dict__:  # the forms are built
            return [form.instance for form in self.initial_forms]
        return super().get_queryset()

    def save_new_objects(self, commit=True):
        saved = super().save_new_objects(commit)
        for form in self.initial_forms:
            if not form.adds_back_gone_row:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            obj = self.save_new(form, commit=commit)
            self.new_objects.append(obj)
            if not commit:
                self.saved_forms.append(form)
            saved.append(obj)
        return saved


@functools.cache
def with_aligned_rows(formset_class):
    if issubclass(formset_class, NoLostEditsFormSetMixin):
        return formset_class
    return type(formset_class.__name__, (NoLostEditsFormSetMixin, formset_class), {})


# --- The admin -----------------------------------------------------------------------


class NoLostEditsAdminMixin:
    """For a ModelAdmin or an inline: its form checks for newer saves, and change
    pages carry the hidden snapshot (at the end of the last fieldset, where a
    hidden field shows nothing). Add pages and read-only pages do not: there is
    nothing to overwrite there."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = with_no_lost_edits(self.form)

    def get_fieldsets(self, request, obj=None):
        fieldsets = [
            (name, {**options, "fields": [f for f in options["fields"] if f != FIELD_NAME]})
            for name, options in super().get_fieldsets(request, obj)
        ]
        if obj is None or not self.has_change_permission(request, obj):
            return fieldsets
        if not fieldsets:
            return [(None, {"fields": [FIELD_NAME]})]
        name, options = fieldsets[-1]
        fieldsets[-1] = (name, {**options, "fields": [*options["fields"], FIELD_NAME]})
        return fieldsets


class NoLostEditsInlineMixin(NoLostEditsAdminMixin):
    """For an inline: each existing row carries its own snapshot, and the
    formset copes with rows deleted meanwhile (`NoLostEditsFormSetMixin`)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.formset = with_aligned_rows(self.formset)
