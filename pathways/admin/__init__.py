"""Admin of the pathways app, one module per area: organisations, routes (with roles,
steps, transitions and offers), old addresses, and the texts of the toolkit sheet.

Importing the package registers every model with the admin site; the forms that
state the database's rules in words are in `forms`.
"""

from . import funding, old_addresses, organisations, routes, texts  # noqa: F401  (registers them)
