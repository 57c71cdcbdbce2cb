"""The content version: one number that goes up whenever the site's content
changes, kept in the database so every server process sees it at once.

The public page cache (pagecache/middleware.py) puts the version in every key, so
a change makes every cached page unreachable at once. See models.py for the
table and signals.py for what counts as a change.
"""
