"""Backups: `manage.py backup` writes a file that `manage.py restore` loads into an
empty database with identical content (`make backup`, `make restore FILE=...`).

The comparison is the round-trip test's (tests/test_roundtrip.py): every row of every
table, history and many-to-many values included. See editorial/backups/.
"""

import hashlib
import io
import json
import re
import stat
import tarfile

import django
import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db.models import Max

from editorial.backups.contents import FORMAT
from programmes.models import Module, Programme, VocationalProfile
from tests import factories as f

from .test_history import edit_in_admin
from .test_roundtrip import make_edits_in_code, make_edits_in_the_admin, snapshot

NOT_EMPTY = "De database is niet leeg"


def backup(path):
    out = io.StringIO()
    call_command("backup", output=str(path), stdout=out)
    return out.getvalue()


def restore(path):
    out = io.StringIO()
    call_command("restore", str(path), stdout=out)
    return out.getvalue()


def empty_database_as_migrate_leaves_it():
    """What a new database holds after `migrate`: content types and permissions, and
    the group that a data migration makes (flush removes that one, so make it again)."""
    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    group = Group.objects.create(name="Redacteur")
    group.permissions.set(Permission.objects.filter(content_type__app_label="programmes"))


def rewrite(path, target, **members):
    """A copy of backup `path` at `target` with some members replaced (bytes)."""
    with tarfile.open(path, "r:gz") as tar:
        contents = {m.name: tar.extractfile(m).read() for m in tar.getmembers()}
    contents.update(members)
    with tarfile.open(target, "w:gz") as tar:
        for name, data in contents.items():
            if data is None:
                continue
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return target


def manifest_of(path):
    with tarfile.open(path, "r:gz") as tar:
        return json.loads(tar.extractfile("manifest.json").read())


# --- Backup and restore -----------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_backup_restored_into_an_empty_database_gives_every_row_back(
    seeded_transactional_db, staff_client, tmp_path, fresh_content_type_cache
):
    make_edits_in_the_admin(staff_client)
    make_edits_in_code()
    before = snapshot()
    assert before["programmes.HistoricalProgramme_profiles"]
    assert before["admin.LogEntry"] and before["auth.User"]

    output = backup(tmp_path / "toolkit.tar.gz")
    assert f"Back-up geschreven: {tmp_path / 'toolkit.tar.gz'}" in output

    empty_database_as_migrate_leaves_it()
    assert not Programme.objects.exists()
    output = restore(tmp_path / "toolkit.tar.gz")

    assert "Back-up teruggezet" in output
    after = snapshot()
    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label


@pytest.mark.django_db(transaction=True)
def test_after_a_restore_new_entries_get_new_ids(
    seeded_transactional_db, staff_client, tmp_path, fresh_content_type_cache, django_user_model
):
    """On PostgreSQL the id sequences must be set past the loaded ids: otherwise the next
    entry, version or admin log line would take an id that is in use."""
    make_edits_in_the_admin(staff_client)
    make_edits_in_code()
    models = (Programme, Programme.history.model, Module, django_user_model)
    highest = {model: model.objects.aggregate(Max("pk"))["pk__max"] for model in models}
    assert all(highest.values())
    backup(tmp_path / "toolkit.tar.gz")
    empty_database_as_migrate_leaves_it()
    restore(tmp_path / "toolkit.tar.gz")

    programme = f.ProgrammeFactory(name="Nieuw na het terugzetten", status="draft")
    module = f.ModuleFactory(programme=programme, title="Nieuwe module")
    programme.profiles.add(VocationalProfile.objects.first())
    user = django_user_model.objects.create_superuser("nieuw", "nieuw@example.org", "x-y-z-123")
    staff_client.force_login(user)
    edit_in_admin(staff_client, programme, summary="Na het terugzetten bewerkt.")

    assert programme.pk > highest[Programme]
    assert module.pk > highest[Module]
    assert programme.history.order_by("-pk").first().pk > highest[Programme.history.model]
    assert user.pk > highest[django_user_model]
    assert Programme.objects.get(pk=programme.pk).summary == "Na het terugzetten bewerkt."


@pytest.mark.django_db(transaction=True)
def test_a_restore_that_fails_while_loading_leaves_the_database_as_it_was(
    seeded_transactional_db, tmp_path, fresh_content_type_cache
):
    path = tmp_path / "toolkit.tar.gz"
    backup(path)
    manifest = manifest_of(path)
    with tarfile.open(path, "r:gz") as tar:
        content = tar.extractfile("content.xml").read()
    # A programme whose hogeschool is not in the backup: the foreign key check fails.
    broken = re.sub(
        rb'(<object model="programmes.programme" pk="\d+">.*?<field name="institution" '
        rb'rel="ManyToOneRel" to="programmes.institution">)\d+',
        rb"\g<1>999999",
        content,
        count=1,
        flags=re.S,
    )
    assert broken != content
    manifest["sha256"]["content.xml"] = hashlib.sha256(broken).hexdigest()
    rewrite(
        path,
        tmp_path / "broken.tar.gz",
        **{"content.xml": broken, "manifest.json": json.dumps(manifest).encode()},
    )
    empty_database_as_migrate_leaves_it()
    groups = list(Group.objects.values_list("name", flat=True))

    with pytest.raises(CommandError, match="Terugzetten mislukt; de database is niet veranderd"):
        restore(tmp_path / "broken.tar.gz")

    assert not Programme.objects.exists() and not Module.objects.exists()
    assert list(Group.objects.values_list("name", flat=True)) == groups


# --- The file -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_backup_is_one_private_file_with_a_manifest(seeded_db, settings, tmp_path):
    settings.VAR_DIR = tmp_path
    out = io.StringIO()
    call_command("backup", stdout=out)

    [path] = (tmp_path / "backups").iterdir()
    assert re.fullmatch(r"toolkit-\d{8}-\d{6}\.tar\.gz", path.name)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600  # it holds password hashes
    with tarfile.open(path, "r:gz") as tar:
        assert sorted(tar.getnames()) == ["content.xml", "manifest.json", "site.xml"]
    manifest = manifest_of(path)
    assert manifest["format"] == FORMAT
    assert manifest["django"] == django.get_version()
    assert "programmes.0001_initial" in manifest["migrations"]
    assert manifest["rows"]["programmes.Programme"] == Programme.objects.count()
    assert manifest["rows"]["programmes.Programme_profiles"] > 0
    assert "pagecache.ContentVersion" not in manifest["rows"]  # belongs to the database
    assert f"{sum(manifest['rows'].values())} rijen" in out.getvalue()


# --- Refusals -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_restore_refuses_a_database_that_holds_data(seeded_db, tmp_path):
    path = tmp_path / "toolkit.tar.gz"
    backup(path)
    Programme.objects.filter(pk=Programme.objects.first().pk).update(name="Eigen wijziging")
    before = snapshot()

    with pytest.raises(CommandError) as error:
        restore(path)

    assert error.value.returncode == 1  # manage.py exits with this status
    assert NOT_EMPTY in str(error.value) and "tabellen hebben al rijen" in str(error.value)
    assert snapshot() == before


@pytest.mark.django_db
def test_restore_refuses_a_database_with_only_a_user(db, tmp_path, django_user_model):
    path = tmp_path / "toolkit.tar.gz"
    backup(path)
    django_user_model.objects.create_user("beheerder")

    with pytest.raises(CommandError, match=rf"{NOT_EMPTY}: 1 tabel heeft al rijen \(auth.User 1\)"):
        restore(path)


@pytest.mark.django_db
def test_restore_refuses_a_backup_from_another_migration_state(seeded_db, tmp_path):
    path = tmp_path / "toolkit.tar.gz"
    backup(path)
    manifest = manifest_of(path)
    manifest["migrations"] = [
        m for m in manifest["migrations"] if m != "pathways.0006_redacteur_routewijzer"
    ]
    manifest["migrations"].append("programmes.9999_from_the_future")
    rewrite(path, tmp_path / "other.tar.gz", **{"manifest.json": json.dumps(manifest).encode()})

    with pytest.raises(CommandError) as error:
        restore(tmp_path / "other.tar.gz")

    message = str(error.value)
    assert "andere migratiestand" in message
    assert "alleen in de back-up: programmes.9999_from_the_future" in message
    assert "alleen in de database: pathways.0006_redacteur_routewijzer" in message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ("missing", "bestaat niet"),
        ("not a tar", "is geen back-up van de toolkit, of het is beschadigd"),
        ("cut short", "is geen back-up van de toolkit, of het is beschadigd"),
        ("no content", "is geen back-up van de toolkit: content.xml ontbreekt"),
        ("bad manifest", "manifest.json is onleesbaar"),
        ("future format", "onbekende versie van het back-upformaat (2)"),
        ("changed dump", "is beschadigd: site.xml klopt niet met de controlesom"),
    ],
)
def test_restore_names_what_is_wrong_with_a_damaged_or_unknown_file(
    seeded_db, tmp_path, damage, message
):
    good = tmp_path / "toolkit.tar.gz"
    backup(good)
    target = tmp_path / "damaged.tar.gz"
    if damage == "not a tar":
        target.write_bytes(b"Dit is een boodschappenlijst.\n")
    elif damage == "cut short":
        target.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    elif damage == "no content":
        rewrite(good, target, **{"content.xml": None})
    elif damage == "bad manifest":
        rewrite(good, target, **{"manifest.json": b"{niet: json"})
    elif damage == "future format":
        manifest = manifest_of(good) | {"format": 2}
        rewrite(good, target, **{"manifest.json": json.dumps(manifest).encode()})
    elif damage == "changed dump":
        rewrite(good, target, **{"site.xml": b"<?xml version='1.0'?><django-objects/>"})
    before = Programme.objects.count()

    with pytest.raises(CommandError, match=re.escape(message)):
        restore(target)

    assert Programme.objects.count() == before
