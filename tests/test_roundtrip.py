"""No data lost: the seed plus edits made in the admin and in code, exported
with dumpdata and loaded into an empty database, come back identical: every
row of every table, history included. The test exports the way `make backup` does:

    manage.py dumpdata --natural-foreign -e contenttypes -e auth.permission \
        -e programmes -e pathways -o site.json
    manage.py dumpdata programmes pathways -o content.json
    manage.py loaddata site.json content.json     # into a migrated, empty database

Why content types are named by natural key and the content keeps its ids:
docs/decisions/0012-backup-format.md.
"""

import pytest
from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.urls import reverse

from editorial.status import PublicationStatus
from pathways.models import Pathway
from programmes.models import (
    LearningForm,
    Location,
    Module,
    Programme,
    ProgrammeContact,
    ProgrammeLink,
    VocationalProfile,
)

from .test_admin import change_form_data
from .test_history import edit_in_admin, restore

# Transactional: flush empties tables with TRUNCATE, which PostgreSQL refuses inside
# the test's own transaction while deferred foreign-key checks are pending.
pytestmark = pytest.mark.django_db(transaction=True)

CONTENT_APPS = ["programmes", "pathways"]
MADE_BY_MIGRATE = ["contenttypes", "auth.permission"]
NAMED_BY_NATURAL_KEY = (ContentType, Permission)


def snapshot():
    """Every row of every table that a backup holds: {model label: {pk: values}}.

    Values are the stored column values; a many-to-many field is the sorted
    list of related ids. References to content types and permissions are their
    natural keys, as their ids may differ in the new database.
    """
    natural = {
        model: {obj.pk: obj.natural_key() for obj in model._base_manager.all()}
        for model in NAMED_BY_NATURAL_KEY
    }

    def value(field, raw):
        if field.is_relation and field.related_model in natural and raw is not None:
            return natural[field.related_model][raw]
        return raw

    tables = {}
    for model in apps.get_models():
        if model in NAMED_BY_NATURAL_KEY or model._meta.proxy or not model._meta.managed:
            continue
        m2m_fields = model._meta.many_to_many
        queryset = model._base_manager.order_by("pk").prefetch_related(
            *(field.name for field in m2m_fields)
        )
        tables[model._meta.label] = {
            obj.pk: {
                **{
                    field.attname: value(field, getattr(obj, field.attname))
                    for field in model._meta.concrete_fields
                },
                **{
                    field.name: sorted(
                        value(field, related.pk) for related in getattr(obj, field.name).all()
                    )
                    for field in m2m_fields
                },
            }
            for obj in queryset
        }
    return tables


def make_edits_in_the_admin(client):
    programme = Programme.objects.get(slug="windesheim-leraar-technisch-beroepsonderwijs")
    first_version = programme.history.last()
    edit_in_admin(
        client,
        programme,
        name="Leraar Technisch Beroepsonderwijs (deeltijd)",
        summary="Aangepast in het beheer.",
        profiles=[VocationalProfile.objects.get(code="MVI").pk],
    )
    # Restoring a version is an edit too: the history grows by one.
    response = restore(client, programme, first_version)
    assert response.status_code == 302

    contact = ProgrammeContact.objects.order_by("pk").first()
    edit_in_admin(client, contact, phone="038 123 45 67", role="Contactpersoon zij-instroom")

    pathway = Pathway.objects.order_by("pk").first()
    url = reverse("admin:pathways_pathway_change", args=[pathway.pk])
    data = change_form_data(client.get(url))
    data["summary"] = "Een route, aangepast in het beheer."
    assert client.post(url, data).status_code == 302


def make_edits_in_code():
    contact = ProgrammeContact.objects.order_by("pk").last()
    contact.email = "nieuw-adres@hogeschool.example"
    contact.save()

    programme = Programme.objects.order_by("pk").last()
    module = Module.objects.create(programme=programme, title="Vakdidactiek", ec=15, order=1)
    module.learning_forms.set(LearningForm.objects.all()[:2])

    other = Programme.objects.order_by("pk").first()
    other.profiles.set(VocationalProfile.objects.filter(code__in=["PIE", "BWI"]))
    other.slug = f"{other.slug}-nieuw"  # its old address is kept for redirects
    other.save()

    archived = Programme.objects.order_by("pk")[1]
    archived.status = PublicationStatus.ARCHIVED
    archived.save()

    # Gaps in the ids, and a deleted entry that the history still names.
    ProgrammeLink.objects.order_by("pk").first().delete()
    location = Location.objects.filter(programmes__isnull=False).order_by("pk").first()
    location.programmes.clear()
    location.delete()


def test_dump_and_load_into_an_empty_database_keeps_every_row(
    seeded_transactional_db, staff_client, tmp_path, fresh_content_type_cache
):
    make_edits_in_the_admin(staff_client)
    make_edits_in_code()
    before = snapshot()
    assert before["programmes.HistoricalProgramme"]
    assert before["programmes.HistoricalProgramme_profiles"]
    assert before["admin.LogEntry"]

    site_dump, content_dump = tmp_path / "site.xml", tmp_path / "content.xml"
    call_command(
        "dumpdata",
        "--natural-foreign",
        format="xml",
        exclude=[*MADE_BY_MIGRATE, *CONTENT_APPS],
        output=str(site_dump),
        verbosity=0,
    )
    call_command("dumpdata", *CONTENT_APPS, format="xml", output=str(content_dump), verbosity=0)

    call_command("flush", interactive=False, verbosity=0)
    ContentType.objects.clear_cache()
    assert not any(snapshot().values()), "flush should leave an empty database"

    call_command("loaddata", str(site_dump), str(content_dump), verbosity=0)
    after = snapshot()

    assert after.keys() == before.keys()
    for label in before:
        assert after[label] == before[label], label
