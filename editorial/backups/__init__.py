"""Backups of the whole database: `manage.py backup` and `manage.py restore`.

A backup is one file, var/backups/toolkit-YYYYmmdd-HHMMSS.tar.gz, readable by its
owner only: a manifest and two XML dumps, the content apps by id and the rest with
content types and permissions named by natural key. The one rule: a backup is
restored only into an empty database with the same migrations, in one
transaction. The parts: contents.py, making.py and restoring.py. What operators
do: README and docs/deploy.md; why this recipe: docs/decisions/0012-backup-format.md
and 0013-restore-into-an-empty-database.md; the proof: tests/test_roundtrip.py.
"""
