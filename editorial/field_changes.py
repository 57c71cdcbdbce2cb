"""How one changed field reads for staff: its Dutch label, and old → new as text.

The history pages (editorial.version_diffs) and the "no lost edits" conflict
message (editorial.concurrency) both show changes through `ChangeDisplay`, so a
value reads the same everywhere: a choice's label, ja/nee, a Dutch date, a
related entry's name, and a long text shortened around its first difference as
"[…N tekens…]". It is django-simple-history's own formatter with these rules.
"""

import dataclasses
import datetime

from django.db import models
from django.utils import formats, timezone
from django.utils.html import conditional_escape
from django.utils.translation import gettext as _
from simple_history.models import ModelChange
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

# Long texts are shown around their first difference, shortened to this length.
MAX_SHOWN_CHARS = 160


@dataclasses.dataclass(frozen=True)
class FieldChange:
    """One changed field: its name, its Dutch label, and the old and new value as
    text (escaped, ready for a template)."""

    field: str
    label: str
    old: str
    new: str


class DutchDiffDisplay(ObjDiffDisplay):
    """simple-history's shortening of long texts around their first difference,
    with the left-out part named in Dutch."""

    def shortened_str(self, prefix, num_skipped_chars, suffix):
        return f"{prefix} […{num_skipped_chars} tekens…] {suffix}"


class ChangeDisplay(HistoricalRecordContextHelper):
    """simple-history's formatting of a change for a template, with the values as
    staff read them (`display_value`). `related` holds the related entries the
    values name: {related model: {pk: entry}}. A change's values are stored values:
    a primary key for a foreign key, a collection of primary keys for many-to-many."""

    def __init__(self, model, related, historical_record=None):
        super().__init__(model, historical_record, max_displayed_delta_change_chars=MAX_SHOWN_CHARS)
        self.related = related

    def show(self, field_name, old, new):
        """The FieldChange of `field_name` going from `old` to `new`."""
        shown = self.format_delta_change(ModelChange(field_name, old, new))
        return FieldChange(field_name, str(shown.field), shown.old, shown.new)

    def prepare_delta_change_value(self, change, value):
        return display_value(self.model._meta.get_field(change.field), value, self.related)

    def stringify_delta_change_values(self, change, old, new):
        if self.model._meta.get_field(change.field).is_relation:
            return conditional_escape(old), conditional_escape(new)  # names are shown whole
        return super().stringify_delta_change_values(change, old, new)

    def get_obj_diff_display(self):
        return DutchDiffDisplay(max_length=self.max_displayed_delta_change_chars)


def display_value(field, value, related):
    """A field's value as staff read it: a choice's label, ja/nee, a date in
    Dutch, a related entry's name. An entry deleted since is named as such."""
    if isinstance(field, models.ManyToManyField):
        names = sorted(_related_name(field, pk, related) for pk in value)
        return ", ".join(names) if names else _("(geen)")
    if value is None or value == "":
        return _("(leeg)")
    if field.is_relation:
        return _related_name(field, value, related)
    if field.choices:
        return str(dict(field.flatchoices).get(value, value))
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "DATE_FORMAT")
    return str(formats.localize(value))


def _related_name(field, pk, related):
    obj = related.get(field.related_model, {}).get(pk)
    if obj is None:
        return _("%(name)s (verwijderd, nummer %(pk)s)") % {
            "name": field.related_model._meta.verbose_name,
            "pk": pk,
        }
    return str(obj)
