"""The admin side of "no lost edits": mixins for every content admin page and inline.

The hidden snapshot is put on change pages only: an add page has nothing to
overwrite, and a read-only page saves nothing.
"""

from .fields import FIELD_NAME
from .forms import with_no_lost_edits
from .formsets import with_aligned_rows


class NoLostEditsAdminMixin:
    """For a ModelAdmin or an inline: its form checks for newer saves, and change
    pages carry the hidden snapshot (at the end of the last fieldset, where a
    hidden field shows nothing)."""

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
