"""Shared pytest fixtures.

The seed is loaded once per test module, in an outer transaction that each test's
own transaction nests in as a savepoint (`seeded_db`); a test that commits asks for
`seeded_transactional_db` instead. The hooks below roll the module's transaction
back before such a test and order the tests so that this is rare. Under pytest-xdist
the suite runs with `--dist worksteal`, which keeps that order on each worker. How
and why: docs/decisions/0035-seed-once-per-test-module.md.
"""

import pytest
from django.core.management import call_command

from tests.seeding import SharedSeed, is_transactional, run_order, wants_shared_seed


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """Run the tests in the order the module docstring gives. The sort is stable, so
    the tests of a module stay together and in their order within each group."""
    items.sort(key=run_order)


@pytest.fixture(scope="module")
def shared_seed(request, django_db_setup, django_db_blocker):
    """The seed, loaded once for the module's tests (see the module docstring)."""
    from django.db import connection

    if connection.in_atomic_block:
        pytest.fail(
            "The shared seed was asked for inside a test's transaction: name seeded_db "
            "as an argument of the test (not through request.getfixturevalue)."
        )
    seed = SharedSeed(request.module, django_db_blocker)
    SharedSeed.current = seed
    seed.open()
    yield seed
    seed.close()
    SharedSeed.current = None


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Before a test's fixtures are set up: open the module's seed transaction for a
    test that reads the shared seed, and roll it back before any other test, so that
    a test that commits or wants no seed never runs inside it."""
    seed = SharedSeed.current
    if seed is None:
        return
    if wants_shared_seed(item) and getattr(item, "module", None) is seed.module:
        seed.open()
    else:
        seed.close()


@pytest.fixture
def seeded_db(request, shared_seed, db):
    """A database holding the seed content, loaded the way `make run` loads it,
    once for the module's tests (see the module docstring)."""
    if is_transactional(request.node):
        pytest.fail(
            "seeded_db is the seed shared in a transaction; a test that commits "
            "asks for seeded_transactional_db instead."
        )
    assert shared_seed.is_open, "the shared seed was not opened before this test"


@pytest.fixture
def seeded_transactional_db(transactional_db):
    """The seed for a test that commits: loaded into its own database, which
    pytest-django empties after the test."""
    call_command("load_seed", verbosity=0)


@pytest.fixture(autouse=True)
def empty_caches():
    """Every test starts with empty caches: a page cached by an earlier test (whose
    database changes were rolled back) must not answer in a later one. The same for
    the data kept per content version (pagecache/memo.py): every test of a module
    starts from the same seed, so from the same content version, while a test that
    changes content without signals (bulk_create) does not raise it."""
    from django.core.cache import caches

    from pagecache import memo

    for cache in caches.all():
        cache.clear()
    memo.forget_all()


@pytest.fixture
def fresh_content_type_cache():
    """flush and loaddata give content types new ids; forget the cached ones."""
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    yield
    ContentType.objects.clear_cache()


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a staff user with every permission."""
    user = django_user_model.objects.create_superuser(
        username="redacteur", email="redacteur@example.org", password="geheim-wachtwoord-123"
    )
    client.force_login(user)
    return client


MANY = 500


@pytest.fixture
def many_programmes(seeded_db):
    """The seed plus 500 published programmes, each with two locations, two
    profiles, two study forms, a website, a contact person, two modules with
    learning forms and a source: enough to show whether a page's number of
    queries grows with the data. Built with bulk_create to stay fast."""
    from editorial.status import PublicationStatus
    from programmes import models as pm

    source = pm.Source.objects.create(slug="generated", title="Generated test source")
    institutions = pm.Institution.objects.bulk_create(
        pm.Institution(name=f"Testhogeschool {n}", short_name=f"TH{n}", slug=f"testhogeschool-{n}")
        for n in range(50)
    )
    locations = pm.Location.objects.bulk_create(
        pm.Location(institution=inst, city=f"Testplaats {n}", province=pm.Province.UTRECHT)
        for n, inst in enumerate(institutions)
    )
    qualification = pm.Qualification.objects.get(slug="tweedegraads-bevoegdheid")
    programmes = pm.Programme.objects.bulk_create(
        pm.Programme(
            institution=institutions[n % 50],
            name=f"Testopleiding {n:03d}",
            slug=f"testopleiding-{n:03d}",
            status=PublicationStatus.PUBLISHED,
            summary="Een gegenereerde opleiding.",
            qualification=qualification,
            total_ec=240,
            exemptions_possible=n % 2 == 0,
        )
        for n in range(MANY)
    )
    profiles = list(pm.VocationalProfile.objects.all())
    forms = list(pm.StudyForm.objects.all())
    learning_forms = list(pm.LearningForm.objects.all())
    methods = list(pm.ExemptionMethod.objects.all())
    through = pm.Programme
    through.profiles.through.objects.bulk_create(
        through.profiles.through(programme=p, vocationalprofile=profiles[(n + k) % len(profiles)])
        for n, p in enumerate(programmes)
        for k in range(2)
    )
    through.study_forms.through.objects.bulk_create(
        through.study_forms.through(programme=p, studyform=forms[(n + k) % len(forms)])
        for n, p in enumerate(programmes)
        for k in range(2)
    )
    through.locations.through.objects.bulk_create(
        through.locations.through(programme=p, location=locations[(n + k) % 50])
        for n, p in enumerate(programmes)
        for k in range(2)
    )
    through.exemption_methods.through.objects.bulk_create(
        through.exemption_methods.through(programme=p, exemptionmethod=methods[n % len(methods)])
        for n, p in enumerate(programmes)
    )
    through.sources.through.objects.bulk_create(
        through.sources.through(programme=p, source=source) for p in programmes
    )
    pm.ProgrammeLink.objects.bulk_create(
        pm.ProgrammeLink(programme=p, url=f"https://example.org/{p.slug}", title="Website")
        for p in programmes
    )
    pm.ProgrammeContact.objects.bulk_create(
        pm.ProgrammeContact(programme=p, name=f"Contact {p.slug}", email=f"{p.slug}@example.org")
        for p in programmes
    )
    modules = pm.Module.objects.bulk_create(
        pm.Module(programme=p, title=f"Testmodule {k}", ec=15, exemption_possible=True, order=k)
        for p in programmes
        for k in range(2)
    )
    pm.Module.learning_forms.through.objects.bulk_create(
        pm.Module.learning_forms.through(module=m, learningform=learning_forms[n % 4])
        for n, m in enumerate(modules)
    )
    _refresh_planner_statistics()
    return programmes


def _refresh_planner_statistics():
    """On PostgreSQL, let the planner see the rows just added.

    A live database has statistics from autovacuum. In the test run the tables
    were last analysed while empty, and with those numbers PostgreSQL plans the
    directory's grouped counts as nested loops that take seconds. ANALYZE inside
    the test's transaction sees its own new rows.
    """
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
