"""The hidden form field that carries a change page's signed snapshot."""

from django import forms
from django.forms.boundfield import BoundField

FIELD_NAME = "_loaded_state"


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
