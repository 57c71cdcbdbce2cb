"""Base classes of every content admin page and inline.

Each staff-facing capability that holds for all content (change history with
restore, refusing a save that would overwrite someone else's edit, ...) is a
mixin in its own module, added here once, so every content model gets it.
"""

from django.contrib import admin

from .concurrency import NoLostEditsAdminMixin, NoLostEditsInlineMixin
from .freshness import FreshnessAdminMixin
from .history import HistoryAdminMixin


class ContentAdmin(FreshnessAdminMixin, HistoryAdminMixin, NoLostEditsAdminMixin, admin.ModelAdmin):
    """Base of the admin page of every content model."""


class ContentTabularInline(NoLostEditsInlineMixin, admin.TabularInline):
    """Base of every table-style inline of content rows."""


class ContentStackedInline(NoLostEditsInlineMixin, admin.StackedInline):
    """Base of every stacked inline of content rows."""
