"""The check itself: a form that refuses to save over a save made after it was
loaded, and shows the newer values of the fields the user left alone.

It reads the row again with `select_for_update()` inside the admin's
transaction, so no one can save between the check and this save (PostgreSQL;
SQLite lets one transaction write at a time). Why it works this way:
docs/decisions/0005-no-lost-edits.md.
"""

import functools

from django import forms
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import connections, models, router
from django.forms.models import InlineForeignKeyField
from simple_history.manager import SIMPLE_HISTORY_REVERSE_ATTR_NAME

from . import messages
from .fields import FIELD_NAME, LoadedStateField
from .snapshots import (
    python_value,
    sign_payload,
    sign_snapshot,
    snapshot,
    stored_value,
    unsign_snapshot,
)


class NoLostEditsFormMixin(forms.ModelForm):
    """Refuses to save over a save made after this form was loaded. A ModelForm
    without Meta, so it combines with any admin form; `with_no_lost_edits()`
    does that."""

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
        model = self._meta.model
        token = self.data.get(self.add_prefix(FIELD_NAME), "")
        if self.instance.pk is None:
            self._check_row_still_here(token)
            return
        row = self._read_row(lock=True)
        payload = unsign_snapshot(token, model) if token else None
        damaged = bool(token) and (payload is None or str(payload["pk"]) != str(self.instance.pk))
        if row is None:
            if not token or (not damaged and payload.get("absent")):
                return  # restoring an entry that was already deleted (or an old page)
            if damaged:
                self._fresh_token = self._absent_token()
                raise messages.damaged_error(model, self.instance)
            # Deleted meanwhile (on a version page), or since the admin read it just now.
            self._fresh_token = sign_payload({**payload, "gone": True})
            raise messages.gone_error(model, self.instance, is_row=self._is_row(), moved=False)
        self._take_values_not_on_the_form(row)
        fields = self._compared_fields()
        current = snapshot(row, fields)
        self._fresh_token = sign_snapshot(row, current)
        if not token:
            return  # a page from before this check: saved as before
        if damaged:
            raise messages.damaged_error(model, row)
        if payload.get("absent"):
            raise messages.back_meanwhile_error(model, row)

        loaded = payload["s"]
        changes = []
        for field in fields:
            if field.name not in loaded or loaded[field.name] == current[field.name]:
                continue
            form_field = self.fields[field.name]
            html_name = self.add_prefix(field.name)
            typed = super()._widget_data_value(form_field.widget, html_name)
            new_value = python_value(field, current[field.name])
            if not form_field.has_changed(new_value, typed):
                continue  # the form already holds the new value: nothing to lose
            user_changed = form_field.has_changed(python_value(field, loaded[field.name]), typed)
            if not user_changed:
                self._adopted[html_name] = stored_value(row, field)
            changes.append((field, loaded[field.name], current[field.name], not user_changed))
        if changes:
            raise messages.conflict_error(model, row, changes)

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
        self._fresh_token = sign_payload({**payload, "gone": True})
        moved = model._base_manager.filter(pk=payload["pk"]).exists()
        raise messages.gone_error(model, self.instance, is_row=self._is_row(), moved=moved)

    def _is_row(self):
        """Whether this form is a row in an inline (it then has a prefix)."""
        return bool(self.prefix)


@functools.cache
def with_no_lost_edits(form_class):
    """`form_class` with the check, under the same name (the admin shows it nowhere)."""
    if issubclass(form_class, NoLostEditsFormMixin):
        return form_class
    return type(form_class.__name__, (NoLostEditsFormMixin, form_class), {})
