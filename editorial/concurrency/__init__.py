"""No lost edits: an admin save that would overwrite someone else's newer save is
refused, with a Dutch message that shows what changed meanwhile and keeps what
the user typed (optimistic concurrency control, no locks while people type).

The one rule: a change page carries a signed snapshot of the stored values it
was filled with, and the save compares it with the row as it is now, locked.
The parts: fields.py (the hidden field), snapshots.py, forms.py (the check),
messages.py, formsets.py (inline rows) and admin.py (the mixins to use). Why it
works this way: docs/decisions/0005-no-lost-edits.md.
"""
