"""Old addresses keep working: after staff change a slug, the old address of a
programme, route or step answers with a permanent redirect to the current one.
Also: the history stays consistent, the admin shows it, and the slugs of other
pages under /opleidingen/ cannot be taken by a programme."""

import pytest
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.http import HttpResponseNotFound
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from editorial.redirects import OldSlugRedirectMiddleware
from editorial.status import PublicationStatus
from pathways.models import PathwaySlugHistory, Step, StepSlugHistory
from programmes.models import Programme, ProgrammeSlugHistory
from programmes.models.programmes import validate_programme_slug

from . import factories as f
from .test_admin import admin_url, change_form_data

pytestmark = pytest.mark.django_db


def rename(obj, slug):
    obj.slug = slug
    obj.save()
    return obj


def programme_url(slug):
    return reverse("programmes:programme_detail", kwargs={"slug": slug})


def pathway_url(slug):
    return reverse("pathways:pathway_detail", kwargs={"slug": slug})


def step_url(pathway_slug, slug):
    return reverse("pathways:step_detail", kwargs={"pathway_slug": pathway_slug, "slug": slug})


def assert_moved_permanently(response, location):
    assert response.status_code == 301
    assert response["Location"] == location


# --- Programmes and routes ---------------------------------------------------


def test_old_programme_address_redirects_permanently_to_the_new_one(client):
    rename(f.ProgrammeFactory(slug="leraar-techniek"), "leraar-techniek-deeltijd")

    response = client.get(programme_url("leraar-techniek"))

    assert_moved_permanently(response, programme_url("leraar-techniek-deeltijd"))
    assert client.get(response["Location"]).status_code == 200


def test_old_pathway_address_redirects_permanently_to_the_new_one(client):
    rename(f.PathwayFactory(slug="zij-instroom"), "zij-instroom-in-het-beroep")

    response = client.get(pathway_url("zij-instroom"))

    assert_moved_permanently(response, pathway_url("zij-instroom-in-het-beroep"))
    assert client.get(response["Location"]).status_code == 200


def test_redirect_keeps_the_query_string(client):
    rename(f.ProgrammeFactory(slug="oud"), "nieuw")

    response = client.get(programme_url("oud"), {"utm_source": "toolkit", "x": "1 2"})

    assert_moved_permanently(response, programme_url("nieuw") + "?utm_source=toolkit&x=1+2")


def test_redirect_may_be_cached_for_a_day_only_so_a_changed_back_slug_recovers(client):
    rename(f.ProgrammeFactory(slug="oud"), "nieuw")

    response = client.get(programme_url("oud"))

    assert "max-age=86400" in response["Cache-Control"]


def test_head_request_is_redirected_too(client):
    rename(f.ProgrammeFactory(slug="oud"), "nieuw")

    response = client.head(programme_url("oud"))

    assert_moved_permanently(response, programme_url("nieuw"))


def test_post_to_an_old_address_is_not_redirected(client, rf):
    rename(f.ProgrammeFactory(slug="oud"), "nieuw")

    assert client.post(programme_url("oud")).status_code != 301
    # Also when the page answers a POST with a 404 (a detail view answers 405).
    middleware = OldSlugRedirectMiddleware(lambda request: HttpResponseNotFound())
    assert middleware(rf.post(programme_url("oud"))).status_code == 404
    assert middleware(rf.get(programme_url("oud"))).status_code == 301


def test_404_response_returned_by_a_view_is_redirected_as_well(rf):
    """Not only a raised Http404: a view that returns a 404 response is covered."""
    rename(f.PathwayFactory(slug="oud"), "nieuw")
    middleware = OldSlugRedirectMiddleware(lambda request: HttpResponseNotFound())

    response = middleware(rf.get(pathway_url("oud")))

    assert_moved_permanently(response, pathway_url("nieuw"))


def test_chain_of_changes_redirects_every_old_address_in_one_step(client):
    programme = f.ProgrammeFactory(slug="a")
    rename(programme, "b")
    rename(programme, "c")

    for old in ("a", "b"):
        response = client.get(programme_url(old), follow=True)
        assert response.redirect_chain == [(programme_url("c"), 301)]
        assert response.status_code == 200
    assert set(programme.old_slugs.values_list("old_slug", flat=True)) == {"a", "b"}


def test_changing_back_to_an_old_slug_removes_it_from_the_history(client):
    programme = f.ProgrammeFactory(slug="a")
    rename(programme, "b")
    rename(programme, "a")

    assert list(programme.old_slugs.values_list("old_slug", flat=True)) == ["b"]
    assert client.get(programme_url("a")).status_code == 200
    assert_moved_permanently(client.get(programme_url("b")), programme_url("a"))


def test_new_programme_takes_over_a_slug_from_the_history(client):
    old = rename(f.ProgrammeFactory(slug="a"), "b")

    new = f.ProgrammeFactory(slug="a")

    assert not ProgrammeSlugHistory.objects.filter(old_slug="a").exists()
    response = client.get(programme_url("a"))
    assert response.status_code == 200
    assert response.context["programme"] == new
    assert client.get(old.get_absolute_url()).status_code == 200


def test_renamed_pathway_takes_over_a_slug_from_another_pathways_history(client):
    first = rename(f.PathwayFactory(slug="a"), "b")
    second = rename(f.PathwayFactory(slug="x"), "a")

    assert list(PathwaySlugHistory.objects.values_list("old_slug", "pathway")) == [("x", second.pk)]
    assert client.get(pathway_url("a")).context["pathway"] == second
    assert client.get(pathway_url("b")).context["pathway"] == first


def test_old_address_of_a_draft_programme_stays_a_404(client):
    rename(f.ProgrammeFactory(slug="oud", status=PublicationStatus.DRAFT), "nieuw")

    assert client.get(programme_url("oud")).status_code == 404


def test_old_address_of_an_archived_entry_leads_to_its_no_longer_offered_page(client):
    """A printed old link ends on the helpful 410 page, not on a bare 404."""
    rename(f.PathwayFactory(slug="oud", status=PublicationStatus.ARCHIVED), "nieuw")
    rename(f.ProgrammeFactory(slug="oud-p", status=PublicationStatus.ARCHIVED), "nieuw-p")

    for old, new in (
        (pathway_url("oud"), pathway_url("nieuw")),
        (programme_url("oud-p"), programme_url("nieuw-p")),
    ):
        response = client.get(old)
        assert response.status_code == 301 and response["Location"] == new
        assert client.get(new).status_code == 410


def test_unknown_address_stays_a_404(client):
    f.ProgrammeFactory(slug="bestaat")

    assert client.get(programme_url("bestaat-niet")).status_code == 404
    assert client.get(step_url("geen-route", "geen-stap")).status_code == 404


def test_slug_history_is_kept_per_kind_of_page(client):
    """An old programme slug does not redirect a route's address, and the other way round."""
    rename(f.ProgrammeFactory(slug="oud"), "nieuw")

    assert client.get(pathway_url("oud")).status_code == 404


def test_save_that_leaves_the_slug_out_records_nothing():
    programme = f.ProgrammeFactory(slug="a")
    programme.slug = "b"
    programme.summary = "Andere samenvatting."
    programme.save(update_fields=["summary"])

    assert not ProgrammeSlugHistory.objects.exists()
    programme.refresh_from_db()
    assert programme.slug == "a"


def test_save_without_a_changed_slug_records_nothing():
    programme = f.ProgrammeFactory(slug="a")
    programme.name = "Nieuwe naam"
    programme.save()
    pathway = f.PathwayFactory()
    pathway.save()
    step = f.StepFactory(pathway=pathway)
    step.save()

    assert not ProgrammeSlugHistory.objects.exists()
    assert not PathwaySlugHistory.objects.exists()
    assert not StepSlugHistory.objects.exists()


def test_loading_the_seed_records_no_old_addresses(seeded_db):
    assert Programme.objects.exists()
    assert not ProgrammeSlugHistory.objects.exists()
    assert not PathwaySlugHistory.objects.exists()
    assert not StepSlugHistory.objects.exists()


def test_fixture_that_changes_a_slug_loads_without_recording_it():
    """loaddata saves raw, bypassing save(): it neither fails nor records history."""
    programme = f.ProgrammeFactory(slug="a")
    fixture = serializers.serialize("json", [programme], use_natural_foreign_keys=True)

    for loaded in serializers.deserialize("json", fixture.replace('"slug": "a"', '"slug": "b"')):
        loaded.save()

    programme.refresh_from_db()
    assert programme.slug == "b"
    assert not ProgrammeSlugHistory.objects.exists()


def test_old_slug_is_unique_per_kind_of_page():
    entry = f.ProgrammeSlugHistoryFactory(old_slug="oud")
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ProgrammeSlugHistoryFactory(old_slug="oud")
    f.PathwaySlugHistoryFactory(old_slug="oud")  # a route may have had it too
    assert entry.old_address == programme_url("oud")


# --- Steps -------------------------------------------------------------------


@pytest.fixture
def step():
    pathway = f.PathwayFactory(slug="route")
    return f.StepFactory(pathway=pathway, slug="stap")


def test_old_step_slug_redirects_to_the_new_one(client, step):
    rename(step, "nieuwe-stap")

    response = client.get(step_url("route", "stap"))

    assert_moved_permanently(response, step_url("route", "nieuwe-stap"))
    assert client.get(response["Location"]).status_code == 200


def test_step_address_with_the_old_pathway_slug_redirects(client, step):
    rename(step.pathway, "nieuwe-route")

    response = client.get(step_url("route", "stap"))

    assert_moved_permanently(response, step_url("nieuwe-route", "stap"))


def test_step_address_with_both_old_slugs_redirects(client, step):
    rename(step, "nieuwe-stap")
    rename(Step.objects.get(pk=step.pk).pathway, "nieuwe-route")

    for pathway_slug, slug in [
        ("route", "stap"),
        ("route", "nieuwe-stap"),
        ("nieuwe-route", "stap"),
    ]:
        response = client.get(step_url(pathway_slug, slug))
        assert_moved_permanently(response, step_url("nieuwe-route", "nieuwe-stap"))


def test_step_moved_to_another_pathway_redirects_from_its_old_pathway(client, step):
    other = f.PathwayFactory(slug="andere-route")
    step.pathway = other
    step.save()

    response = client.get(step_url("route", "stap"))

    assert_moved_permanently(response, step_url("andere-route", "stap"))
    history = StepSlugHistory.objects.get()
    assert (history.pathway.slug, history.old_slug, history.step) == ("route", "stap", step)


def test_step_chain_redirects_in_one_step(client, step):
    rename(step, "b")
    rename(step, "c")

    response = client.get(step_url("route", "stap"), follow=True)

    assert response.redirect_chain == [(step_url("route", "c"), 301)]


def test_new_step_takes_over_an_old_step_slug_in_its_pathway(client, step):
    rename(step, "nieuwe-stap")

    new = f.StepFactory(pathway=step.pathway, slug="stap")

    assert not StepSlugHistory.objects.filter(old_slug="stap").exists()
    assert client.get(step_url("route", "stap")).context["step"] == new


def test_old_step_slug_in_one_pathway_does_not_redirect_in_another(client, step):
    rename(step, "nieuwe-stap")
    f.PathwayFactory(slug="andere-route")

    assert client.get(step_url("andere-route", "stap")).status_code == 404


def test_step_of_a_draft_pathway_is_not_redirected_to(client, step):
    rename(step, "nieuwe-stap")
    step.pathway.status = PublicationStatus.DRAFT
    step.pathway.save()

    assert client.get(step_url("route", "stap")).status_code == 404


def test_step_redirect_takes_a_fixed_number_of_queries(client, step, django_assert_num_queries):
    rename(step, "nieuwe-stap")
    rename(step.pathway, "nieuwe-route")
    # Plenty of unrelated history, which must not change the number of queries.
    for n in range(20):
        other = f.StepFactory(pathway=step.pathway, slug=f"s{n}")
        rename(other, f"t{n}")
    f.PathwaySlugHistoryFactory.create_batch(20)

    # The view's own query, its look-up of an unpublished step at this address (a
    # preview or an archived page, editorial/publishing.py), then the route and
    # the step of the old address.
    with django_assert_num_queries(4):
        response = client.get(step_url("route", "stap"))
    assert_moved_permanently(response, step_url("nieuwe-route", "nieuwe-stap"))


def test_programme_redirect_takes_a_fixed_number_of_queries(client, django_assert_num_queries):
    rename(f.ProgrammeFactory(slug="oud"), "nieuw")
    f.ProgrammeSlugHistoryFactory.create_batch(20)

    # The view's own query, its look-up of an unpublished programme at this address
    # (a preview or an archived page, editorial/publishing.py), then the history.
    with django_assert_num_queries(3):
        response = client.get(programme_url("oud"))
    assert response.status_code == 301


# --- Reserved slugs ----------------------------------------------------------


@pytest.mark.parametrize("slug", ["vergelijken", "download"])
def test_programme_cannot_take_the_slug_of_another_page(slug):
    programme = f.ProgrammeFactory.build(
        slug=slug, institution=f.InstitutionFactory(), qualification=None
    )
    with pytest.raises(ValidationError) as excinfo:
        programme.full_clean()
    assert excinfo.value.message_dict["slug"] == [
        f"‘{slug}’ is gereserveerd voor een andere pagina van de site. Kies een andere slug."
    ]
    with pytest.raises(IntegrityError), transaction.atomic():
        f.ProgrammeFactory(slug=slug)


def test_programme_slug_validator_accepts_ordinary_slugs():
    validate_programme_slug("vergelijken-en-kiezen")
    validate_programme_slug("download-informatie")


def test_old_programme_address_cannot_be_a_reserved_slug_nor_take_over_its_page(client):
    programme = f.ProgrammeFactory()
    with pytest.raises(ValidationError) as excinfo:
        entry = f.ProgrammeSlugHistoryFactory.build(old_slug="vergelijken", programme=programme)
        entry.full_clean()
    assert "old_slug" in excinfo.value.message_dict

    # Even when stored anyway, the compare page is not redirected: it is not a 404.
    f.ProgrammeSlugHistoryFactory(old_slug="vergelijken", programme=programme)
    assert client.get(reverse("programmes:programme_compare")).status_code != 301


# --- Admin -------------------------------------------------------------------


def test_staff_change_of_a_slug_in_the_admin_keeps_the_old_address_working(staff_client):
    programme = f.ProgrammeFactory(slug="oud")
    # Complete enough to stay published (editorial/publishing.py).
    f.ProgrammeLinkFactory(programme=programme)
    f.ProgrammeContactFactory(programme=programme)
    response = staff_client.get(admin_url(Programme, "change", programme.pk))
    data = change_form_data(response)
    data["slug"] = "nieuw"

    response = staff_client.post(admin_url(Programme, "change", programme.pk), data)

    assert response.status_code == 302
    assert_moved_permanently(staff_client.get(programme_url("oud")), programme_url("nieuw"))


def test_admin_refuses_a_reserved_programme_slug_with_a_dutch_message(staff_client):
    programme = f.ProgrammeFactory(slug="oud")
    response = staff_client.get(admin_url(Programme, "change", programme.pk))
    data = change_form_data(response)
    data["slug"] = "vergelijken"

    response = staff_client.post(admin_url(Programme, "change", programme.pk), data)

    assert response.status_code == 200
    assert "‘vergelijken’ is gereserveerd voor een andere pagina van de site." in response.text
    programme.refresh_from_db()
    assert programme.slug == "oud"


@pytest.mark.parametrize(
    ("factory", "old_address"),
    [
        (lambda: rename(f.ProgrammeFactory(slug="oud"), "nieuw"), programme_url("oud")),
        (lambda: rename(f.PathwayFactory(slug="oud"), "nieuw"), pathway_url("oud")),
        (
            lambda: rename(f.StepFactory(slug="oud", pathway=f.PathwayFactory(slug="r")), "n"),
            step_url("r", "oud"),
        ),
    ],
    ids=["programme", "pathway", "step"],
)
def test_change_page_shows_the_old_addresses_read_only_with_an_explanation(
    staff_client, factory, old_address
):
    obj = factory()
    history = obj.old_slugs.get()

    response = staff_client.get(admin_url(type(obj), "change", obj.pk))

    page = response.text
    assert "Oude adressen" in page
    assert "Ze blijven werken: wie zo’n adres opent, komt vanzelf op het huidige adres." in page
    assert f'<a href="{admin_url(type(history), "change", history.pk)}">{old_address}</a>' in page
    assert 'name="old_addresses"' not in page  # read-only: not a form field


def test_change_page_says_when_there_are_no_old_addresses(staff_client):
    programme = f.ProgrammeFactory()

    response = staff_client.get(admin_url(Programme, "change", programme.pk))

    assert "Geen." in response.text


def test_staff_can_delete_an_old_address_to_end_its_redirect(staff_client, client):
    programme = rename(f.ProgrammeFactory(slug="oud"), "nieuw")
    history = programme.old_slugs.get()

    page = staff_client.get(admin_url(ProgrammeSlugHistory, "change", history.pk))
    assert page.status_code == 200
    assert admin_url(ProgrammeSlugHistory, "delete", history.pk) in page.text
    assert 'name="old_slug"' not in page.text  # an old address cannot be edited

    response = staff_client.post(
        admin_url(ProgrammeSlugHistory, "delete", history.pk), {"post": "yes"}
    )

    assert response.status_code == 302
    assert not ProgrammeSlugHistory.objects.exists()
    assert client.get(programme_url("oud")).status_code == 404


def test_staff_can_add_an_old_address_by_hand(staff_client, client):
    programme = f.ProgrammeFactory(slug="nieuw")

    response = staff_client.post(
        admin_url(ProgrammeSlugHistory, "add"),
        {"old_slug": "gedrukt-adres", "programme": programme.pk},
    )

    assert response.status_code == 302
    assert_moved_permanently(client.get(programme_url("gedrukt-adres")), programme_url("nieuw"))


@pytest.mark.parametrize(
    ("model", "data"),
    [
        (ProgrammeSlugHistory, lambda: {"programme": f.ProgrammeFactory(slug="live").pk}),
        (PathwaySlugHistory, lambda: {"pathway": f.PathwayFactory(slug="live").pk}),
        (
            StepSlugHistory,
            lambda: {
                "step": (step := f.StepFactory(slug="live")).pk,
                "pathway": step.pathway.pk,
            },
        ),
    ],
    ids=["programme", "pathway", "step"],
)
def test_admin_refuses_an_old_address_that_is_a_current_address(staff_client, model, data):
    response = staff_client.post(admin_url(model, "add"), {"old_slug": "live", **data()})

    assert response.status_code == 200
    assert "Een oud adres kan niet ook een huidig adres zijn." in response.text
    assert not model.objects.exists()


def test_step_change_page_queries_do_not_grow_with_its_old_addresses(staff_client):
    step = f.StepFactory(slug="s0")
    counts = []
    for n in range(1, 6):
        rename(step, f"s{n}")
        with CaptureQueriesContext(connection) as queries:
            response = staff_client.get(admin_url(Step, "change", step.pk))
        assert response.status_code == 200
        counts.append(len(queries))
    assert len(set(counts)) == 1
