"""CSV export and import of programmes and contact persons in the admin
(django-import-export).

file_format.py reads and writes the file with the spreadsheet rules of
editorial/spreadsheet.py; cells.py turns a cell into a value and back; rows.py
checks and saves a row as the admin form would; resources.py lists each file's
columns; admin_mixin.py adds the buttons to the admin. The rule to know: an import
saves every row through save(), one by one, so the change history, old addresses
and the publishing check all apply. Why: docs/decisions/0025-csv-import-preview-then-save.md
and docs/decisions/0024-csv-import-names-entries.md.
"""
