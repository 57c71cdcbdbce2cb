"""What an admin action says afterwards: what it did, and what it left as it was.

An action on entries that were already in the asked-for state ("Publiceren" on a
published programme) changes nothing; it says so by name ("… was al
gepubliceerd"), instead of "0 opleidingen zijn gepubliceerd".
"""

from django.contrib import messages
from django.contrib.admin.utils import model_ngettext


def entry_names(entries):
    return "; ".join(str(entry) for entry in entries)


def report_unchanged(model_admin, request, entries, one, many):
    """Tells the user which selected `entries` the action left as they were.

    `one` names a single entry (%(entries)s); `many` counts them too (%(count)d
    %(items)s: %(entries)s)."""
    if not entries:
        return
    count = len(entries)
    if count == 1:
        message = str(one) % {"entries": entries[0]}
    else:
        message = str(many) % {
            "count": count,
            "items": model_ngettext(model_admin.opts, count),
            "entries": entry_names(entries),
        }
    model_admin.message_user(request, message, messages.INFO)
