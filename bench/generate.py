"""Build one benchmark database: the seed content plus N generated programmes.

Run by bench/run.py with DATABASE_URL pointing at a new SQLite file under var/bench/
(never the dev database): `python -m bench.generate --programmes 500 --meta ...`.
Rows are written with bulk_create, deterministically (a fixed random seed), so a
database built twice holds the same content; `--fingerprint` prints the hash of what
decides that content (this file, the fixtures, the migrations), which bench/run.py
puts in the file name to reuse a database only while it matches.
"""

import argparse
import datetime
import hashlib
import json
import os
import random
import sys
from decimal import Decimal
from pathlib import Path

import django

from editorial.status import PublicationStatus

ROOT = Path(__file__).resolve().parent.parent

SUBJECTS = [
    "Techniek",
    "Bouwkunde",
    "Elektrotechniek",
    "Werktuigbouwkunde",
    "Installatietechniek",
    "Motorvoertuigentechniek",
    "Mens en Technologie",
    "Media, vormgeving en ICT",
    "Maritieme techniek",
    "Agrotechniek",
    "Procestechniek",
    "Technisch beroepsonderwijs",
    "Bouwen, wonen en interieur",
    "Mobiliteit en transport",
    "Produceren, installeren en energie",
    "Informatica",
]
KINDS = [
    "Leraar {subject}",
    "Lerarenopleiding {subject}",
    "Docent {subject}",
    "Leraar {subject} (zij-instroom)",
    "Leraar {subject}, flexibel traject",
    "Pedagogisch-didactisch traject {subject}",
]
INSTITUTION_PREFIXES = [
    "Hogeschool",
    "Technische Hogeschool",
    "Hogeschool voor Techniek en Onderwijs",
    "Christelijke Hogeschool",
    "Pedagogische Hogeschool",
    "Hogeschool Leren en Werken",
]
FIRST_NAMES = [
    "Anouk", "Bram", "Chantal", "Daan", "Esther", "Fatima", "Gert", "Hanneke", "Ilse",
    "Jeroen", "Karin", "Lars", "Mirjam", "Noah", "Olga", "Pieter", "Rachid", "Sanne",
    "Thijs", "Ursula", "Vincent", "Wendy", "Yusuf", "Zoë",
]  # fmt: skip
LAST_NAMES = [
    "de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
    "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker",
    "Brouwer", "de Wit", "Dijkstra", "Yilmaz", "El Amrani", "Kramer", "van Dijk",
]  # fmt: skip
MODULE_TITLES = [
    "Oriëntatie op het beroep",
    "Pedagogisch handelen in de klas",
    "Vakdidactiek techniek",
    "Ontwerpen van praktijkopdrachten",
    "Beoordelen en toetsen",
    "Begeleiden van leerlingen",
    "Samenwerken met het bedrijfsleven",
    "Onderzoekend vermogen",
    "Burgerschap en diversiteit",
    "Professionele ontwikkeling",
    "Werkplekleren",
    "Taal in het vak",
]
ROLES = ["contactpersoon zij-instroom", "opleidingscoördinator", "studieadviseur", ""]
MODULES_PER_PROGRAMME = 10
PLACES_USED = 150  # the biggest Dutch places: where hogescholen have campuses
RANDOM_SEED = 20_26


def fingerprint() -> str:
    """A hash of what decides a generated database's content."""
    from django.apps import apps
    from django.db.migrations.loader import MigrationLoader

    digest = hashlib.sha256(Path(__file__).read_bytes())
    for path in sorted((ROOT / "fixtures").glob("*.json")):
        digest.update(path.name.encode() + path.read_bytes())
    # Every migration of every installed app (the project's own by content).
    loader = MigrationLoader(None, ignore_no_migrations=True)
    for app_label, name in sorted(loader.disk_migrations):
        digest.update(f"{app_label}.{name}".encode())
        config = apps.get_app_config(app_label)
        path = Path(config.path) / "migrations" / f"{name}.py"
        if path.is_relative_to(ROOT) and path.exists():
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _unique(name, taken):
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{name} {number}"
        number += 1
    taken.add(candidate)
    return candidate


def _unique_slug(slug, taken, length=100):
    candidate, number = slug[:length], 2
    while candidate in taken:
        suffix = f"-{number}"
        candidate = slug[: length - len(suffix)] + suffix
        number += 1
    taken.add(candidate)
    return candidate


def generate(count: int) -> dict:
    """Add `count` programmes to the seeded database; returns a summary."""
    from django.db import transaction
    from django.utils.text import slugify

    from programmes import models as pm
    from programmes.places import places

    rng = random.Random(RANDOM_SEED)
    today = datetime.date(2026, 11, 1)
    big_places = list(places())[:PLACES_USED]

    def checked_on():
        return today - datetime.timedelta(days=rng.randrange(0, 540))

    with transaction.atomic():
        source = pm.Source.objects.create(
            slug="benchmark",
            title="Gegenereerde inhoud voor de benchmark",
            publisher="bench/generate.py",
            checked_on=today,
        )
        institution_count = max(10, count // 20)
        names = set(pm.Institution.objects.values_list("name", flat=True))
        institutions = []
        for n in range(institution_count):
            city = big_places[n % len(big_places)]
            name = _unique(f"{rng.choice(INSTITUTION_PREFIXES)} {city.name}", names)
            institutions.append(
                pm.Institution(
                    name=name,
                    short_name=f"H{n}",
                    slug=f"bench-{slugify(name)}"[:80],
                    website=f"https://www.{slugify(name)}.example.nl",
                    checked_on=checked_on(),
                )
            )
        institutions = pm.Institution.objects.bulk_create(institutions)

        locations = []
        for n, institution in enumerate(institutions):
            cities = {big_places[n % len(big_places)]}
            while len(cities) < rng.choice((1, 2, 3)):
                cities.add(rng.choice(big_places))
            locations.extend(
                pm.Location(
                    institution=institution,
                    city=place.name,
                    province=place.province,
                    checked_on=checked_on(),
                )
                for place in sorted(cities, key=lambda place: place.name)
            )
        locations = pm.Location.objects.bulk_create(locations)
        locations_of = {}
        for location in locations:
            locations_of.setdefault(location.institution_id, []).append(location)

        qualifications = list(pm.Qualification.objects.all())
        second_degree = next(q for q in qualifications if q.slug == "tweedegraads-bevoegdheid")
        names_per_institution = {}
        slugs = set(pm.Programme.objects.values_list("slug", flat=True))
        programmes = []
        for n in range(count):
            institution = institutions[n % len(institutions)]
            taken = names_per_institution.setdefault(institution.pk, set())
            subject = rng.choice(SUBJECTS)
            name = _unique(rng.choice(KINDS).format(subject=subject), taken)
            roll = rng.random()
            status = (
                PublicationStatus.PUBLISHED
                if roll < 0.95
                else PublicationStatus.DRAFT
                if roll < 0.98
                else PublicationStatus.ARCHIVED
            )
            qualification = (
                second_degree if rng.random() < 0.6 else rng.choice([*qualifications, None])
            )
            programmes.append(
                pm.Programme(
                    institution=institution,
                    name=name,
                    slug=_unique_slug(f"{institution.slug}-{slugify(name)}", slugs),
                    status=status,
                    summary=(
                        f"Word {name.lower()} in het vmbo. U leert lesgeven terwijl u werkt, "
                        "met begeleiding op school en bij de hogeschool."
                    ),
                    details=(
                        "De opleiding begint met een intake. Daarin kijkt u samen met de "
                        "hogeschool wat u al kunt.\n\nU volgt de modules in uw eigen tempo."
                    ),
                    qualification=qualification,
                    degree="Bachelor of Education" if rng.random() < 0.5 else "",
                    entry_requirements="Een mbo-4-diploma of hoger in een technisch vak.",
                    total_ec=rng.choice((60, 120, 180, 240, None)),
                    duration=rng.choice(("maximaal 2 jaar", "4 jaar", "1 tot 3 jaar", "")),
                    exemptions_possible=rng.choice((True, False, None)),
                    exemption_notes="Vrijstelling kan op grond van werkervaring.",
                    employer_role="De school regelt een werkplek en een begeleider.",
                    ecpb_member=rng.choice((True, False, None)),
                    checked_on=checked_on(),
                )
            )
        programmes = pm.Programme.objects.bulk_create(programmes)

        profiles = list(pm.VocationalProfile.objects.all())
        forms = list(pm.StudyForm.objects.all())
        learning_forms = list(pm.LearningForm.objects.all())
        methods = list(pm.ExemptionMethod.objects.all())
        through = pm.Programme
        m2m = {"profiles": [], "study_forms": [], "locations": [], "methods": []}
        links, contacts, modules = [], [], []
        for programme in programmes:
            for profile in rng.sample(profiles, rng.choice((1, 1, 2, 3))):
                m2m["profiles"].append(
                    through.profiles.through(programme=programme, vocationalprofile=profile)
                )
            for form in rng.sample(forms, rng.choice((1, 2, 2, 3))):
                m2m["study_forms"].append(
                    through.study_forms.through(programme=programme, studyform=form)
                )
            own = locations_of[programme.institution_id]
            for location in rng.sample(own, min(len(own), rng.choice((1, 2)))):
                m2m["locations"].append(
                    through.locations.through(programme=programme, location=location)
                )
            for method in rng.sample(methods, rng.choice((0, 1, 2))):
                m2m["methods"].append(
                    through.exemption_methods.through(programme=programme, exemptionmethod=method)
                )
            for k in range(rng.choice((1, 2))):
                links.append(
                    pm.ProgrammeLink(
                        programme=programme,
                        url=f"https://www.example.nl/opleidingen/{programme.slug}/{k}",
                        title="Website van de opleiding" if k == 0 else "Open dagen",
                        order=k,
                        checked_on=programme.checked_on,
                    )
                )
            for k in range(rng.choice((1, 2))):
                person = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                contacts.append(
                    pm.ProgrammeContact(
                        programme=programme,
                        name=person,
                        email=f"{slugify(person)}.{k}@{programme.institution.slug}.example.nl",
                        phone=f"0{rng.randrange(10, 80)} {rng.randrange(100, 999)} "
                        f"{rng.randrange(10, 99)} {rng.randrange(10, 99)}",
                        role=rng.choice(ROLES),
                        order=k,
                        checked_on=programme.checked_on,
                    )
                )
            for k, title in enumerate(rng.sample(MODULE_TITLES, MODULES_PER_PROGRAMME)):
                modules.append(
                    pm.Module(
                        programme=programme,
                        title=title,
                        outcome=f"De kandidaat laat in de praktijk zien: {title.lower()}.",
                        ec=Decimal(rng.choice(("5", "7.5", "10", "15", "30"))),
                        exemption_possible=rng.choice((True, False, None)),
                        exemption_basis="Op grond van een diploma of werkervaring.",
                        order=k,
                        checked_on=programme.checked_on,
                    )
                )
        through.profiles.through.objects.bulk_create(m2m["profiles"])
        through.study_forms.through.objects.bulk_create(m2m["study_forms"])
        through.locations.through.objects.bulk_create(m2m["locations"])
        through.exemption_methods.through.objects.bulk_create(m2m["methods"])
        through.sources.through.objects.bulk_create(
            through.sources.through(programme=programme, source=source) for programme in programmes
        )
        pm.ProgrammeLink.objects.bulk_create(links)
        pm.ProgrammeContact.objects.bulk_create(contacts)
        modules = pm.Module.objects.bulk_create(modules)
        pm.Module.learning_forms.through.objects.bulk_create(
            pm.Module.learning_forms.through(module=module, learningform=form)
            for module in modules
            for form in rng.sample(learning_forms, rng.choice((1, 2)))
        )

    published = [p.slug for p in programmes if p.status == PublicationStatus.PUBLISHED]
    return {"sample_programme": published[0], "sample_programmes": published[:10]}


def counts() -> dict:
    from programmes import models as pm

    return {
        "programmes": pm.Programme.objects.count(),
        "published_programmes": pm.Programme.objects.published().count(),
        "modules": pm.Module.objects.count(),
        "institutions": pm.Institution.objects.count(),
        "locations": pm.Location.objects.count(),
        "contacts": pm.ProgrammeContact.objects.count(),
        "links": pm.ProgrammeLink.objects.count(),
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fingerprint", action="store_true", help="print the hash and stop")
    parser.add_argument("--programmes", type=int, default=0)
    parser.add_argument("--meta", type=Path, help="write a summary (JSON) here")
    args = parser.parse_args(argv)
    django.setup()
    if args.fingerprint:
        print(fingerprint())
        return 0

    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    call_command("load_seed", verbosity=0)
    summary = {"generated": args.programmes, "sample_programme": None, "sample_programmes": []}
    if args.programmes:
        summary.update(generate(args.programmes))
    summary["counts"] = counts()
    if args.meta:
        args.meta.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "toolkit_site.settings.prod")
    sys.exit(main())
