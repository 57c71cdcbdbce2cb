"""Admin of the programmes app, one module per area: sources and the shared
vocabulary, institutions with their locations, and programmes with their websites,
contact persons, modules and old addresses.

Importing the package registers every model with the admin site; the CSV import
and export of programmes and contact persons are in programmes/csv_io/.
"""

from . import costs, institutions, programmes, vocabulary  # noqa: F401  (registers them)
