"""The seed content (fixtures/*.json) loads as `make run` loads it and holds the
facts of the printed toolkit sheet: the six programmes with their printed contacts
and links, the stepped model, the contacts, the quote, and a source and check date
for every content entry. Besides the six it holds one programme a source names that
is not on the sheet (Saxion); the facts of the second research round are checked on
the pages in test_facts_2_programmes.py."""

import io
import re

from django.core.management import call_command

from pathways.models import ContactPurpose, OrganisationContact, Pathway, Quote, Resource, Step
from programmes.models import (
    LinkKind,
    Programme,
    ProgrammeContact,
    ProgrammeLink,
    Source,
    SourcedModel,
)

from .apps import own_models
from .sheet import PRINTED_BITLY_LINKS, SHEET_PATH, TOOLKIT_URL

# Programme slug -> (institution, name, [(contact, e-mail)], [links]) as printed.
PRINTED_PROGRAMMES = {
    "windesheim-leraar-technisch-beroepsonderwijs": (
        "Hogeschool Windesheim",
        "Leraar Technisch Beroepsonderwijs",
        [("Erik Schakelaar", "e.schakelaar@windesheim.nl")],
        ["https://bit.ly/3dQsFUm"],
    ),
    "fontys-leraar-technisch-beroepsonderwijs": (
        "Fontys Hogescholen",
        "Leraar Technisch Beroepsonderwijs",
        [
            ("Kees-Jan van Dorp", "k.vandorp@fontys.nl"),
            ("Sharda Kawarmala-van der Kuyp", "s.vanderkuyp@fontys.nl"),
        ],
        ["https://bit.ly/3dvnqZJ", "https://bit.ly/3rZQa2b"],
    ),
    "hogeschool-rotterdam-leraar-technisch-beroepsonderwijs": (
        "Hogeschool Rotterdam",
        "Leraar Technisch Beroepsonderwijs",
        [("Anja van Vliet", "a.van.vliet@hr.nl")],
        ["https://bit.ly/2PDbf5y", "https://bit.ly/3t02Ffz"],
    ),
    "hva-leraar-mens-en-technologie": (
        "Hogeschool van Amsterdam",
        "Leraar Mens en Technologie",
        [("Misha van Berlo", "m.van.berlo@hva.nl")],
        ["https://bit.ly/3oNFaot"],
    ),
    "aeres-docent-en-kennismanager-agrotechniek": (
        "Aeres Hogeschool",
        "Docent en kennismanager Agrotechniek",
        [("Jos van Meegen", "j.van.meegen@aeres.nl")],
        ["https://bit.ly/3weRrpk"],
    ),
    "hu-leraar-techniek-tweedegraads": (
        "Hogeschool Utrecht",
        "Leraar Techniek tweedegraads (specialisatie MVI mogelijk)",
        [("Hermien Vossebeld", "hermien.vossebeld@hu.nl")],
        ["https://bit.ly/2SqDaX4"],
    ),
}


def sourced_models():
    for model in own_models():
        if issubclass(model, SourcedModel):
            yield model


def content_counts():
    return {model._meta.label: model.objects.count() for model in own_models()}


def test_seed_yields_six_published_programmes_with_printed_contacts(seeded_db):
    programmes = Programme.objects.select_related("institution").filter(on_sheet=True)
    assert programmes.count() == 6
    assert programmes.published().count() == 6
    assert {p.slug for p in programmes} == set(PRINTED_PROGRAMMES)
    others = Programme.objects.filter(on_sheet=False)
    assert [p.slug for p in others] == ["saxion-tweedegraadslerarenopleiding-techniek"]
    for programme in programmes:
        institution, name, contacts, _links = PRINTED_PROGRAMMES[programme.slug]
        assert programme.institution.name == institution
        assert programme.name == name
        stored = list(programme.contacts.order_by("order", "pk").values_list("name", "email"))
        assert stored == contacts, programme.slug


def test_seed_yields_the_printed_links_of_each_programme_in_printed_order(seeded_db):
    for programme in Programme.objects.filter(on_sheet=True):
        _institution, _name, _contacts, links = PRINTED_PROGRAMMES[programme.slug]
        printed = programme.links.filter(kind=LinkKind.SHEET).order_by("order", "pk")
        assert list(printed.values_list("url", flat=True)) == links, programme.slug
    assert not ProgrammeLink.objects.filter(programme__on_sheet=False, kind=LinkKind.SHEET).exists()


def test_second_load_seed_neither_duplicates_nor_overwrites(seeded_db):
    contact = ProgrammeContact.objects.get(email="e.schakelaar@windesheim.nl")
    contact.email = "nieuw.adres@windesheim.nl"
    contact.save()
    counts_before = content_counts()

    output = io.StringIO()
    call_command("load_seed", stdout=output)

    assert "niet opnieuw geladen" in output.getvalue()
    assert content_counts() == counts_before
    contact.refresh_from_db()
    assert contact.email == "nieuw.adres@windesheim.nl"
    assert not ProgrammeContact.objects.filter(email="e.schakelaar@windesheim.nl").exists()


def test_every_content_entry_has_a_source_and_a_checked_on_date(seeded_db):
    missing = []
    for model in sourced_models():
        for entry in model.objects.prefetch_related("sources"):
            if not entry.sources.all() or entry.checked_on is None:
                missing.append(f"{model._meta.label}: {entry}")
    assert missing == []


def test_every_source_has_a_title_and_a_checked_on_date(seeded_db):
    assert Source.objects.exists()
    assert not Source.objects.filter(title="").exists()
    assert not Source.objects.filter(checked_on__isnull=True).exists()
    sheet = Source.objects.get(slug="toolkitblad-01")
    assert sheet.url == TOOLKIT_URL


def test_programme_links_and_resources_store_the_addresses_exactly_as_printed(seeded_db):
    printed_links = ProgrammeLink.objects.filter(kind=LinkKind.SHEET)
    link_urls = list(printed_links.values_list("url", flat=True))
    resource_urls = [url for url in Resource.objects.values_list("url", flat=True) if url]
    assert set(link_urls) <= set(PRINTED_BITLY_LINKS)
    assert set(resource_urls) <= set(PRINTED_BITLY_LINKS) | {TOOLKIT_URL}
    # Every printed bit.ly address is stored somewhere, none is stored twice per kind.
    assert set(link_urls) | set(resource_urls) == set(PRINTED_BITLY_LINKS) | {TOOLKIT_URL}
    assert len(link_urls) == len(set(link_urls)) == 8
    assert Resource.objects.get(label="Meer lezen 1").url == "https://bit.ly/3umIokF"
    assert Resource.objects.get(label="Meer lezen 2").url == "https://bit.ly/3sMA1ya"


def test_printed_link_list_matches_the_sheet_file(seeded_db):
    printed = re.findall(r"https://bit\.ly/[A-Za-z0-9]+", SHEET_PATH.read_text(encoding="utf-8"))
    unique_in_order = list(dict.fromkeys(printed))
    assert unique_in_order == PRINTED_BITLY_LINKS
    stored = set(
        ProgrammeLink.objects.filter(kind=LinkKind.SHEET).values_list("url", flat=True)
    ) | {url for url in Resource.objects.values_list("url", flat=True) if "bit.ly" in url}
    assert stored == set(unique_in_order)


def test_stepped_model_has_its_steps_in_order_with_three_choices_after_orientation(seeded_db):
    pathway = Pathway.objects.published().get(slug="scholingstraject-hybride-techniekopleiders")
    steps = list(pathway.steps.order_by("order", "pk"))
    assert [(s.order, s.slug) for s in steps[:2]] == [
        (1, "kennismakingsprogramma"),
        (2, "orientatietraject"),
    ]
    choices = {s.slug for s in steps if s.order == 3}
    assert choices == {"instructeur", "pdg-traject", "tweedegraadsprogramma"}

    first = Step.objects.get_by_natural_key(pathway.slug, "kennismakingsprogramma")
    orientation = Step.objects.get_by_natural_key(pathway.slug, "orientatietraject")
    assert [s.slug for s in first.next_steps.all()] == ["orientatietraject"]
    assert {s.slug for s in orientation.next_steps.all()} == choices
    assert orientation.yields.short_name == "PDD"
    for transition in orientation.transitions_out.all():
        assert "dubbelingen te voorkomen" in transition.credits

    second_degree = Step.objects.get_by_natural_key(pathway.slug, "tweedegraadsprogramma")
    assert second_degree.programmes.count() == 6
    assert second_degree.leads_to_role.slug == "bevoegd-docent"


def test_seed_holds_exactly_one_toolkit_contact_and_one_hybrid_coach(seeded_db):
    toolkit = OrganisationContact.objects.get(purpose=ContactPurpose.TOOLKIT)
    assert toolkit.email == "info@sterktechniekonderwijs.nl"
    assert toolkit.url == TOOLKIT_URL
    coach = OrganisationContact.objects.get(purpose=ContactPurpose.HYBRID_COACH)
    assert coach.name == "Rian van Noord"
    assert coach.organisation.short_name == "STO"
    assert coach.email == ""
    assert "via uw ondersteuner" in coach.how_to_reach


def test_seed_holds_the_quote_of_the_sheet(seeded_db):
    quote = Quote.objects.get()
    assert quote.text == (
        "Goede scholing, is niet iets van alleen het onderwijs, ook de sector heeft hier haar "
        "verantwoordelijkheid!"
    )
    assert quote.author == "Thea Koster"
    assert quote.author_role == "Voorzitter Techniekpact"
    assert quote.organisation.name == "Techniekpact"


def test_a_database_from_before_the_history_gets_first_versions_once(seeded_db):
    """An installation upgraded to the change history keeps a version to go back to."""
    from programmes.models import Programme as P

    P.history.all().delete()
    call_command("load_seed", verbosity=0)
    assert P.history.filter(history_change_reason="Startinhoud").count() == P.objects.count()
    call_command("load_seed", verbosity=0)
    assert P.history.count() == P.objects.count()
