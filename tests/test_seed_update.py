"""`load_seed` on a database that already holds content adds what the seed has
and the database lacks, fills only fields that are empty and were never filled,
and leaves every staff edit alone (editorial/seed_update.py). Most tests use a
tiny seed written here, so they do not depend on the real seed's content."""

import copy
import io
import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.test import override_settings

from editorial.seed_update import (
    UPDATE_REASON,
    can_match,
    find_existing,
    fixture_objects,
    update_from_seed,
)
from editorial.versions import is_tracked
from pathways.models import Quote, Rule
from programmes.models import Programme, ProgrammeLink, Source, StartMoment, StudyForm

from .apps import own_models

SLUG = "hs-leraar-techniek"

SEED = [
    {"model": "programmes.source", "fields": {"slug": "blad", "title": "Het blad"}},
    {"model": "programmes.studyform", "fields": {"slug": "voltijd", "name": "Voltijd"}},
    {"model": "programmes.studyform", "fields": {"slug": "deeltijd", "name": "Deeltijd"}},
    {
        "model": "programmes.institution",
        "fields": {"name": "Hogeschool Test", "slug": "hs", "sources": [["blad"]]},
    },
    {
        "model": "programmes.programme",
        "fields": {
            "institution": ["hs"],
            "name": "Leraar Techniek",
            "slug": SLUG,
            "status": "published",
            "updated_at": "2026-11-24T00:00:00Z",
            "summary": "De samenvatting van het blad.",
            "degree": "Bachelor of Education",
            "study_forms": [["voltijd"]],
            "sources": [["blad"]],
        },
    },
    {
        "model": "programmes.programmelink",
        "fields": {"programme": [SLUG], "url": "https://bit.ly/oud", "title": "Website"},
    },
    {"model": "pathways.quote", "fields": {"text": "Samen opleiden.", "author": "A. Auteur"}},
]


def newer_seed():
    """The seed after a research round: new facts, entries and members."""
    seed = copy.deepcopy(SEED)
    seed.insert(1, {"model": "programmes.source", "fields": {"slug": "site", "title": "De site"}})
    programme = next(o for o in seed if o["model"] == "programmes.programme")["fields"]
    programme.update(
        croho_code="12345",
        total_ec=240,
        details="Nieuwe uitleg uit de bron.",
        study_forms=[["voltijd"], ["deeltijd"]],
        sources=[["blad"], ["site"]],
    )
    seed += [
        {
            "model": "programmes.programmelink",
            "fields": {"programme": [SLUG], "url": "https://hs.example/opleiding", "title": "Site"},
        },
        {
            "model": "programmes.startmoment",
            "fields": {"programme": [SLUG], "month": 9, "day": 1, "sources": [["site"]]},
        },
        {
            "model": "programmes.programme",
            "fields": {
                "institution": ["hs"],
                "name": "Leraar Techniek deeltijd",
                "slug": "hs-nieuw",
                "on_sheet": False,
                "updated_at": "2026-11-24T00:00:00Z",
                "study_forms": [["deeltijd"]],
            },
        },
    ]
    return seed


def load(tmp_path, objects, name="seed"):
    """Runs load_seed with `objects` as the whole seed; returns its output."""
    (tmp_path / f"{name}.json").write_text(json.dumps(objects), encoding="utf-8")
    output = io.StringIO()
    with override_settings(SEED_FIXTURES=[name], FIXTURE_DIRS=[tmp_path]):
        call_command("load_seed", stdout=output)
    return output.getvalue()


def programme():
    return Programme.objects.get(slug=SLUG)


def counts():
    return Counter({model._meta.label: model.objects.count() for model in own_models()})


def versions_total():
    return sum(model.history.count() for model in own_models() if is_tracked(model))


@pytest.mark.django_db
def test_missing_entries_are_added_and_empty_fields_filled_with_a_named_version(tmp_path):
    load(tmp_path, SEED, "oud")
    output = load(tmp_path, newer_seed(), "nieuw")

    entry = programme()
    assert (entry.croho_code, entry.total_ec) == ("12345", 240)
    assert entry.details == "Nieuwe uitleg uit de bron."
    assert {f.slug for f in entry.study_forms.all()} == {"voltijd", "deeltijd"}
    assert {s.slug for s in entry.sources.all()} == {"blad", "site"}
    assert Source.objects.filter(slug="site").exists()
    assert ProgrammeLink.objects.filter(url="https://hs.example/opleiding").exists()
    assert StartMoment.objects.get(programme=entry).day == 1
    added = Programme.objects.get(slug="hs-nieuw")
    assert added.on_sheet is False
    assert [f.slug for f in added.study_forms.all()] == ["deeltijd"]

    # One version per entry changed or added, named after the update.
    for instance in (entry, added, StartMoment.objects.get()):
        latest = instance.history.latest()
        assert latest.history_change_reason == UPDATE_REASON
        assert instance.history.filter(history_change_reason=UPDATE_REASON).count() == 1
    assert added.history.get().history_type == "+"
    held = entry.history.latest().study_forms.values_list("studyform__slug", flat=True)
    assert set(held) == {"voltijd", "deeltijd"}
    assert "4 toegevoegd, 5 aangevuld" in output
    assert "opleidingen: 1 toegevoegd, 5 aangevuld" in output


@pytest.mark.django_db
def test_a_changed_field_is_kept_and_listed(tmp_path):
    load(tmp_path, SEED, "oud")
    entry = programme()
    entry.summary = "De tekst van de redactie."
    entry.save()
    seed = newer_seed()
    quote = next(o for o in seed if o["model"] == "pathways.quote")
    quote["fields"]["text"] = "Samen opleiden, zegt de nieuwe bron."
    next(o for o in seed if o["model"] == "programmes.programme")["fields"]["degree"] = ""

    output = load(tmp_path, seed, "nieuw")

    assert programme().summary == "De tekst van de redactie."
    assert Quote.objects.get().text == "Samen opleiden."
    assert programme().degree == "Bachelor of Education"  # the seed never empties a field
    assert '«graad» is "Bachelor of Education", de startinhoud zegt (leeg)' in output
    assert "«korte samenvatting» is door de redactie gewijzigd" in output
    assert '«citaat» is "Samen opleiden.", de startinhoud zegt "Samen opleiden, zegt' in output


@pytest.mark.django_db
def test_a_field_staff_emptied_stays_empty(tmp_path):
    load(tmp_path, SEED, "oud")
    entry = programme()
    entry.degree = ""
    entry.save()

    output = load(tmp_path, newer_seed(), "nieuw")

    assert programme().degree == ""
    assert programme().croho_code == "12345"  # other empty fields are still filled
    assert "«graad» is door de redactie leeggemaakt" in output


@pytest.mark.django_db
def test_a_member_staff_removed_is_not_added_again(tmp_path):
    load(tmp_path, SEED, "oud")
    programme().study_forms.remove(StudyForm.objects.get(slug="voltijd"))

    output = load(tmp_path, newer_seed(), "nieuw")

    assert [f.slug for f in programme().study_forms.all()] == ["deeltijd"]
    assert "«Voltijd» is door de redactie uit «studievormen» gehaald" in output


@pytest.mark.django_db
def test_nothing_is_deleted_and_a_deleted_or_renamed_entry_stays_away(tmp_path):
    load(tmp_path, SEED, "oud")
    ProgrammeLink.objects.get(url="https://bit.ly/oud").delete()
    Quote.objects.get().delete()
    ProgrammeLink.objects.create(programme=programme(), url="https://eigen.example", title="Eigen")
    staff_made = Source.objects.create(slug="eigen", title="Door de redactie")
    seed = newer_seed()
    seed.remove(next(o for o in seed if o["fields"].get("slug") == "blad"))  # out of the seed
    for entry in seed:
        if "sources" in entry["fields"]:
            entry["fields"]["sources"] = [["site"]]
    before = counts()

    output = load(tmp_path, seed, "nieuw")

    assert Source.objects.filter(slug="blad").exists()
    assert Source.objects.filter(pk=staff_made.pk).exists()
    assert not ProgrammeLink.objects.filter(url="https://bit.ly/oud").exists()
    assert not Quote.objects.exists()
    after = counts()
    assert all(after[label] >= number for label, number in before.items())
    assert output.count("sindsdien is gewijzigd of verwijderd; niet opnieuw toegevoegd") == 2
    assert "Uit de startinhoud, maar daar niet meer in" in output  # the source "blad"


@pytest.mark.django_db
def test_a_second_run_changes_nothing(tmp_path):
    load(tmp_path, SEED, "oud")
    load(tmp_path, newer_seed(), "nieuw")
    before, versions = counts(), versions_total()

    output = load(tmp_path, newer_seed(), "nieuw")

    assert "Startinhoud bijgewerkt: 0 toegevoegd, 0 aangevuld." in output
    assert counts() == before
    assert versions_total() == versions


def way_in_rule(**fields):
    """A rule that names a programme: a way in for the advice (decision 0026, "A way in")."""
    return {
        "model": "pathways.rule",
        "fields": {
            "slug": "toelatingsonderzoek",
            "title": "Zonder diploma: een toelatingsonderzoek",
            "explains": "education",
            "sources": [["blad"]],
            **fields,
        },
    }


@pytest.mark.django_db
def test_a_new_rule_is_added_with_the_programme_it_names(tmp_path):
    load(tmp_path, SEED, "oud")
    load(tmp_path, [*SEED, way_in_rule(programme=[SLUG])], "nieuw")

    rule = Rule.objects.get(slug="toelatingsonderzoek")
    assert rule.programme == programme()
    assert rule.history.get().history_change_reason == UPDATE_REASON


@pytest.mark.django_db
def test_a_rule_gets_its_programme_once_and_keeps_what_staff_chose(tmp_path):
    load(tmp_path, [*SEED, way_in_rule()], "oud")
    load(tmp_path, [*SEED, way_in_rule(programme=[SLUG])], "nieuw")
    rule = Rule.objects.get(slug="toelatingsonderzoek")
    assert rule.programme == programme()

    # Staff clear it: a later load does not set it again.
    rule.programme = None
    rule.save()
    load(tmp_path, [*SEED, way_in_rule(programme=[SLUG])], "later")
    assert Rule.objects.get(slug="toelatingsonderzoek").programme is None


@pytest.mark.django_db
def test_an_empty_database_still_gets_the_whole_seed_without_update_versions(tmp_path):
    output = load(tmp_path, newer_seed())
    assert "De startinhoud is geladen." in output
    assert Programme.objects.count() == 2
    assert not Programme.history.filter(history_change_reason=UPDATE_REASON).exists()
    assert Programme.history.filter(history_change_reason="Startinhoud").count() == 2


def test_every_model_of_the_seed_can_be_found_back():
    in_seed = {apps.get_model(raw["model"]) for raw in fixture_objects(settings.SEED_FIXTURES)}
    tracked = {model for model in own_models() if is_tracked(model)}
    assert [m._meta.label for m in in_seed | tracked if not can_match(m)] == []
    assert [m._meta.label for m in in_seed if not is_tracked(m)] == []


def test_every_entry_of_the_real_seed_can_be_found_back(seeded_db):
    unmatched = []
    for raw in fixture_objects(settings.SEED_FIXTURES):
        (entry,) = serializers.deserialize("python", [raw], handle_forward_references=True)
        if not can_match(type(entry.object), entry.object):
            unmatched.append(raw)
    assert unmatched == []


def test_the_real_seed_updates_its_own_load_with_no_change(seeded_db):
    before, versions = counts(), versions_total()
    report = update_from_seed(settings.SEED_FIXTURES)
    assert (report.total_added, report.total_filled) == (0, 0)
    assert report.edited == report.differs == report.not_added == report.dropped == []
    assert counts() == before
    assert versions_total() == versions


# --- From the seed before issue 13 to today's ---------------------------------------

BEFORE_ISSUE_13 = "9a7509b^"
OLD_FIXTURES = ["sources", "vocabulary", "institutions", "organisations", "programmes"]
OLD_FIXTURES += ["pathways", "content"]


def write_old_seed(directory: Path):
    repository = Path(settings.BASE_DIR)
    if shutil.which("git") is None or not (repository / ".git").exists():
        pytest.skip("needs the git history of the repository")
    for name in OLD_FIXTURES:
        shown = subprocess.run(
            ["git", "show", f"{BEFORE_ISSUE_13}:fixtures/{name}.json"],
            cwd=repository,
            capture_output=True,
            check=False,
        )
        if shown.returncode:
            pytest.skip(f"the commit before issue 13 is not in this clone: {shown.stderr!r}")
        (directory / f"{name}.json").write_bytes(shown.stdout)


@pytest.mark.django_db
def test_a_database_seeded_before_issue_13_gets_every_entry_of_todays_seed(tmp_path):
    write_old_seed(tmp_path)
    with override_settings(SEED_FIXTURES=OLD_FIXTURES, FIXTURE_DIRS=[tmp_path]):
        call_command("load_seed", verbosity=0)

    report = update_from_seed(settings.SEED_FIXTURES)

    today = fixture_objects(settings.SEED_FIXTURES)
    expected = Counter(raw["model"] for raw in today)
    # Entries the seed dropped since then stay, and are listed for staff.
    expected["pathways.stepoffer"] += sum("aanbod voor een stap" in e for e in report.dropped)
    stored = {label: apps.get_model(label).objects.count() for label in expected}
    assert stored == dict(expected), report.not_added
    assert report.not_added == report.edited == []  # no staff, so no staff edits
    # Each field equals what a fresh load gives, or is listed for staff to review.
    for raw in today:
        (entry,) = serializers.deserialize("python", [raw])
        model = type(entry.object)
        row, _ = find_existing(model, entry.object)
        for name in raw["fields"]:
            field = model._meta.get_field(name)
            if getattr(field, "auto_now", False):
                continue  # the time of the last save, not content
            if field.many_to_many:
                seed = set(entry.m2m_data[name])
                assert seed <= set(getattr(row, name).values_list("pk", flat=True)), name
            elif field.value_from_object(row) != field.value_from_object(entry.object):
                assert (model._meta.label, row.pk, name) in report.kept
    again = update_from_seed(settings.SEED_FIXTURES)
    assert (again.total_added, again.total_filled) == (0, 0)
