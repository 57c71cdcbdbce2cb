"""Draft, published, archived: what the public sees, what staff preview, what must
be complete before it is published, and what may never be deleted.

The one rule: an address the public has, or had, keeps answering (a published
page, or 410 Gone for an archived one), so such an entry is archived, never
deleted. The parts: completeness.py, addresses.py, admin.py (actions and
deletion) and pages.py (previews and 410). The statuses: editorial/status.py.
What staff see: README; why: docs/decisions/0004-publication-status.md.
"""
