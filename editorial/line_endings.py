"""One kind of line ending in stored text: LF.

Browsers post the lines of a text area with CRLF, while the content (the seed,
the import, earlier saves) is stored with LF. Compared as they come, an untouched
text would count as changed: a false line in the history and a false "someone
else changed this" in the "no lost edits" check. Every content admin form
therefore reads its input (and its initial values) with LF only, so it compares,
cleans and saves LF; the history and the snapshots compare texts the same way.
Why here, and not in the models: docs/decisions/0041-admin-layout-history-and-dutch.md.
"""

import functools


def normalise_line_endings(value):
    """`value` with CRLF and CR turned into LF; anything but a string as it is."""
    if isinstance(value, str) and "\r" in value:
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def same_text(old, new):
    """Whether two stored values are equal once their line endings are."""
    return normalise_line_endings(old) == normalise_line_endings(new)


class LineEndingsFormMixin:
    """A form that reads its input and its initial values with LF line endings.

    Django reads all input through `_widget_data_value()` (cleaning, "has this
    changed", showing the form again) and all initial values through
    `get_initial_for_field()`, so the comparison and the saved value agree.
    """

    def _widget_data_value(self, widget, html_name):
        return normalise_line_endings(super()._widget_data_value(widget, html_name))

    def get_initial_for_field(self, field, field_name):
        return normalise_line_endings(super().get_initial_for_field(field, field_name))


@functools.cache
def with_normalised_line_endings(form_class):
    """`form_class` reading LF only, under the same name."""
    if issubclass(form_class, LineEndingsFormMixin):
        return form_class
    return type(form_class.__name__, (LineEndingsFormMixin, form_class), {})


class LineEndingsAdminMixin:
    """For a ModelAdmin or an inline: its form reads LF only. Listed after
    `NoLostEditsAdminMixin`, so the "no lost edits" check reads the input this way too."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form = with_normalised_line_endings(self.form)
