"""The admin (/beheer/): every model can be listed, added and changed, staff find
entries by searching, inlines save, and mistakes get a clear Dutch message."""

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from factory.django import DjangoModelFactory

from editorial.models import LinkCheck
from editorial.status import PublicationStatus
from editorial.validators import validate_phone_number
from pathways.models import (
    ContactPurpose,
    OrganisationContact,
    Pathway,
    Quote,
    Resource,
    Role,
    Step,
    StepOffer,
)
from programmes.models import Programme, ProgrammeContact, ProgrammeLink

from . import factories as f
from .apps import own_models

pytestmark = pytest.mark.django_db

ADMIN_APPS = {"programmes", "pathways"}

# Read from the registry, so a model registered later is tested automatically.
REGISTERED_MODELS = sorted(
    (model for model in admin.site._registry if model._meta.app_label in ADMIN_APPS),
    key=lambda model: model._meta.label,
)
MODEL_IDS = [model._meta.label for model in REGISTERED_MODELS]
SLUG_MODELS = [
    model
    for model in REGISTERED_MODELS
    if any(field.name == "slug" for field in model._meta.fields)
]

FACTORIES = {
    factory._meta.model: factory
    for factory in vars(f).values()
    if isinstance(factory, type)
    and issubclass(factory, DjangoModelFactory)
    and factory._meta.model is not None
}

INVALID_EMAIL = "Voer een geldig e-mailadres in."
INVALID_URL = "Voer een geldige URL in."
INVALID_PHONE = "Vul een geldig telefoonnummer in, bijvoorbeeld 038 123 45 67."


def admin_url(model, view, *args):
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


def make(model):
    factory = FACTORIES.get(model)
    assert factory is not None, f"tests/factories.py has no factory for {model._meta.label}"
    return factory()


def change_form_data(response):
    """The POST data of a rendered admin change form, as a browser would send it
    unchanged. Inline formsets keep their existing rows and drop the empty extra ones."""
    data = {}

    def add_form(form):
        for bound_field in form:
            value = bound_field.value()
            if isinstance(bound_field.field.widget, forms.CheckboxInput):
                if value:
                    data[bound_field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[bound_field.html_name] = [str(item) for item in value]
            else:
                data[bound_field.html_name] = "" if value is None else str(value)

    add_form(response.context["adminform"].form)
    for inline_admin_formset in response.context["inline_admin_formsets"]:
        formset = inline_admin_formset.formset
        management = formset.management_form
        for name in ("MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[management[name].html_name] = str(management[name].value())
        initial_count = str(formset.initial_form_count())
        data[management["TOTAL_FORMS"].html_name] = initial_count
        data[management["INITIAL_FORMS"].html_name] = initial_count
        for form in formset.initial_forms:
            add_form(form)
    return data


# --- Every model -------------------------------------------------------------


def test_every_model_of_both_apps_is_registered():
    app_models = set(own_models(*ADMIN_APPS))
    assert set(REGISTERED_MODELS) == app_models


def test_every_registered_model_has_a_factory():
    assert set(REGISTERED_MODELS) <= set(FACTORIES)


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=MODEL_IDS)
def test_changelist_opens_and_searches(staff_client, model):
    make(model)
    response = staff_client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1

    response = staff_client.get(admin_url(model, "changelist"), {"q": "iets"})
    assert response.status_code == 200


# Models whose rows only a command writes (check_links): staff read them, never add.
READ_ONLY_MODELS = {LinkCheck}
ADDABLE_MODELS = [model for model in REGISTERED_MODELS if model not in READ_ONLY_MODELS]


@pytest.mark.parametrize("model", ADDABLE_MODELS, ids=[m._meta.label for m in ADDABLE_MODELS])
def test_add_page_opens(staff_client, model):
    response = staff_client.get(admin_url(model, "add"))
    assert response.status_code == 200


@pytest.mark.parametrize("model", sorted(READ_ONLY_MODELS, key=str), ids=str)
def test_results_written_by_a_command_cannot_be_added_by_hand(staff_client, model):
    assert staff_client.get(admin_url(model, "add")).status_code == 403


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=MODEL_IDS)
def test_change_page_opens(staff_client, model):
    obj = make(model)
    response = staff_client.get(admin_url(model, "change", obj.pk))
    assert response.status_code == 200


@pytest.mark.parametrize("model", SLUG_MODELS, ids=[m._meta.label for m in SLUG_MODELS])
def test_slug_is_prefilled_wherever_a_model_has_one(rf, admin_user, model):
    request = rf.get("/")
    request.user = admin_user
    model_admin = admin.site._registry[model]
    assert "slug" in model_admin.get_prepopulated_fields(request)


@pytest.mark.parametrize(
    ("factory", "prefixes"),
    [
        (f.ProgrammeFactory, ["links", "contacts", "modules"]),
        (f.PathwayFactory, ["steps"]),
        (f.StepFactory, ["transitions_out", "offers"]),
        (f.InstitutionFactory, ["locations"]),
        (f.OrganisationFactory, ["contacts"]),
    ],
)
def test_change_page_edits_related_entries_inline(staff_client, factory, prefixes):
    obj = factory()
    response = staff_client.get(admin_url(type(obj), "change", obj.pk))
    for prefix in prefixes:
        assert f'name="{prefix}-TOTAL_FORMS"' in response.text


def test_programme_change_page_links_to_the_public_page(staff_client):
    programme = f.ProgrammeFactory()
    content_type = ContentType.objects.get_for_model(Programme)
    response = staff_client.get(admin_url(Programme, "change", programme.pk))
    assert reverse("admin:view_on_site", args=[content_type.pk, programme.pk]) in response.text


def test_programme_change_page_groups_fields_under_dutch_titles(staff_client):
    programme = f.ProgrammeFactory()
    response = staff_client.get(admin_url(Programme, "change", programme.pk))
    titles = [fieldset.name for fieldset in response.context["adminform"]]
    assert titles == [
        "Opleiding",
        "Inhoud",
        "Toelating en vrijstellingen",
        "Werkgever",
        "Bronnen en controle",
    ]


AUTOCOMPLETE_FIELDS = sorted(
    {
        (model_admin_or_inline.model, field_name)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ADMIN_APPS
        for model_admin_or_inline in [model_admin, *model_admin.inlines]
        for field_name in model_admin_or_inline.autocomplete_fields
    },
    key=lambda pair: (pair[0]._meta.label, pair[1]),
)


@pytest.mark.parametrize(
    ("model", "field_name"),
    AUTOCOMPLETE_FIELDS,
    ids=[f"{model._meta.label}.{name}" for model, name in AUTOCOMPLETE_FIELDS],
)
def test_autocomplete_answers_for_every_autocomplete_field(staff_client, model, field_name):
    target = model._meta.get_field(field_name).related_model
    make(target)
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {
            "app_label": model._meta.app_label,
            "model_name": model._meta.model_name,
            "field_name": field_name,
            "term": "",
        },
    )
    assert response.status_code == 200
    assert len(response.json()["results"]) >= 1


# --- Access ------------------------------------------------------------------


def test_non_staff_user_is_sent_to_the_login_page(client, django_user_model):
    user = django_user_model.objects.create_user(username="bezoeker", password="x-geheim-123")
    client.force_login(user)
    url = admin_url(Programme, "changelist")
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(admin_url(Programme, "changelist"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


# --- Finding entries ---------------------------------------------------------


@pytest.mark.parametrize("query", ["Jansen", "p.jansen@windesheim.example", "Lesgeven 1"])
def test_programme_search_finds_a_programme_by_contact_or_module(staff_client, query):
    wanted = f.ProgrammeFactory()
    f.ProgrammeContactFactory(
        programme=wanted, name="Petra Jansen", email="p.jansen@windesheim.example"
    )
    f.ModuleFactory(programme=wanted, title="Lesgeven 1")
    other = f.ProgrammeFactory()
    f.ProgrammeContactFactory(programme=other, name="Karel de Vries")

    response = staff_client.get(admin_url(Programme, "changelist"), {"q": query})

    assert list(response.context["cl"].result_list) == [wanted]


def test_programme_search_lists_a_programme_once_with_several_matching_contacts(staff_client):
    programme = f.ProgrammeFactory()
    f.ProgrammeContactFactory.create_batch(2, programme=programme, name="Jansen")

    response = staff_client.get(admin_url(Programme, "changelist"), {"q": "Jansen"})

    assert list(response.context["cl"].result_list) == [programme]


def test_contact_search_finds_a_contact_by_programme_name(staff_client):
    contact = f.ProgrammeContactFactory(programme__name="Leraar Mens en Technologie")
    f.ProgrammeContactFactory()

    response = staff_client.get(
        admin_url(ProgrammeContact, "changelist"), {"q": "Mens en Technologie"}
    )

    assert list(response.context["cl"].result_list) == [contact]


def test_programme_changelist_filters_on_status(staff_client):
    draft = f.ProgrammeFactory(status=PublicationStatus.DRAFT)
    f.ProgrammeFactory(status=PublicationStatus.PUBLISHED)

    response = staff_client.get(
        admin_url(Programme, "changelist"), {"status__exact": PublicationStatus.DRAFT}
    )

    assert list(response.context["cl"].result_list) == [draft]


# --- Editing through inlines -------------------------------------------------


@pytest.fixture
def programme_with_contact_and_link():
    programme = f.ProgrammeFactory()
    f.ProgrammeContactFactory(programme=programme, email="oud@hogeschool.example")
    f.ProgrammeLinkFactory(programme=programme, url="https://bit.ly/oud")
    f.ModuleFactory(programme=programme).learning_forms.add(f.LearningFormFactory())
    programme.profiles.add(f.VocationalProfileFactory())
    return programme


def post_programme_change(staff_client, programme, **changes):
    url = admin_url(Programme, "change", programme.pk)
    data = change_form_data(staff_client.get(url))
    data.update(changes)
    return staff_client.post(url, data)


def test_staff_changes_a_contact_email_through_the_programme_page(
    staff_client, programme_with_contact_and_link
):
    programme = programme_with_contact_and_link
    response = post_programme_change(
        staff_client, programme, **{"contacts-0-email": "nieuw@hogeschool.example"}
    )

    assert response.status_code == 302
    assert programme.contacts.get().email == "nieuw@hogeschool.example"
    # The unchanged parts are kept as they were.
    assert programme.links.get().url == "https://bit.ly/oud"
    assert programme.modules.get().learning_forms.count() == 1
    assert programme.profiles.count() == 1


def test_bad_email_on_the_contact_inline_gives_the_dutch_message(
    staff_client, programme_with_contact_and_link
):
    programme = programme_with_contact_and_link
    response = post_programme_change(staff_client, programme, **{"contacts-0-email": "geen-adres"})

    assert response.status_code == 200
    assert INVALID_EMAIL in response.text
    assert programme.contacts.get().email == "oud@hogeschool.example"


def test_bad_url_on_the_link_inline_gives_the_dutch_message(
    staff_client, programme_with_contact_and_link
):
    programme = programme_with_contact_and_link
    response = post_programme_change(staff_client, programme, **{"links-0-url": "geen adres"})

    assert response.status_code == 200
    assert INVALID_URL in response.text
    assert programme.links.get().url == "https://bit.ly/oud"


def test_bad_phone_on_the_contact_inline_gives_the_dutch_message(
    staff_client, programme_with_contact_and_link
):
    programme = programme_with_contact_and_link
    response = post_programme_change(staff_client, programme, **{"contacts-0-phone": "bel maar"})

    assert response.status_code == 200
    assert INVALID_PHONE in response.text


def test_bad_email_and_phone_on_the_contact_change_form_give_dutch_messages(staff_client):
    contact = f.ProgrammeContactFactory()
    url = admin_url(ProgrammeContact, "change", contact.pk)
    data = change_form_data(staff_client.get(url))
    data.update(email="contact-at-hogeschool", phone="038 123 45 67 of mailen")

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert INVALID_EMAIL in response.text
    assert INVALID_PHONE in response.text


def test_bad_url_on_the_link_change_form_gives_the_dutch_message(staff_client):
    link = f.ProgrammeLinkFactory()
    url = admin_url(ProgrammeLink, "change", link.pk)
    data = change_form_data(staff_client.get(url))
    data.update(url="bit.ly/zonder spaties")

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert INVALID_URL in response.text


def test_good_phone_on_the_organisation_contact_form_is_saved(staff_client):
    contact = f.OrganisationContactFactory()
    url = admin_url(OrganisationContact, "change", contact.pk)
    data = change_form_data(staff_client.get(url))
    data.update(phone="+31 (0)38-123 45 67")

    response = staff_client.post(url, data)

    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "+31 (0)38-123 45 67"


def test_bad_phone_on_the_organisation_contact_form_gives_the_dutch_message(staff_client):
    contact = f.OrganisationContactFactory()
    url = admin_url(OrganisationContact, "change", contact.pk)
    data = change_form_data(staff_client.get(url))
    data.update(phone="geen")

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert INVALID_PHONE in response.text


@pytest.mark.parametrize("phone", ["038 123 45 67", "+31 38 1234567", "(038) 123-45-67"])
def test_phone_validator_accepts_how_numbers_are_written(phone):
    validate_phone_number(phone)


@pytest.mark.parametrize("phone", ["bel maar", "038/1234567", "+", "038 123 45 67 (Piet)"])
def test_phone_validator_rejects_other_text(phone):
    with pytest.raises(ValidationError) as excinfo:
        validate_phone_number(phone)
    assert excinfo.value.messages == [INVALID_PHONE]


# --- The database's rules in words --------------------------------------------


def test_step_offer_without_provider_asks_for_one(staff_client):
    offer = f.StepOfferFactory()
    url = admin_url(type(offer), "change", offer.pk)
    data = change_form_data(staff_client.get(url))
    data.update(institution="", organisation="")

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "Kies de hogeschool of de organisatie" in response.text
    assert "Beperking" not in response.text  # not the bare constraint name


def test_transition_to_the_same_step_is_refused_on_the_step_page(staff_client):
    transition = f.TransitionFactory()
    step = transition.from_step
    url = admin_url(type(step), "change", step.pk)
    data = change_form_data(staff_client.get(url))
    data["transitions_out-0-to_step"] = str(step.pk)

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "Een stap kan niet naar zichzelf leiden." in response.text


def test_second_toolkit_contact_is_refused_with_a_dutch_message(staff_client):
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT)
    contact = f.OrganisationContactFactory()
    url = admin_url(OrganisationContact, "change", contact.pk)
    data = change_form_data(staff_client.get(url))
    data.update(purpose=ContactPurpose.TOOLKIT)

    response = staff_client.post(url, data)

    assert response.status_code == 200
    assert "Er is al een contact met het doel" in response.text


# --- Actions -----------------------------------------------------------------


def test_publish_action_publishes_drafts_and_says_how_many(staff_client):
    drafts = f.ProgrammeFactory.create_batch(2, status=PublicationStatus.DRAFT)
    for draft in drafts:  # complete enough to publish (editorial/publishing.py)
        f.ProgrammeLinkFactory(programme=draft)
        f.ProgrammeContactFactory(programme=draft)

    response = staff_client.post(
        admin_url(Programme, "changelist"),
        {"action": "publish", admin.helpers.ACTION_CHECKBOX_NAME: [p.pk for p in drafts]},
        follow=True,
    )

    assert set(Programme.objects.values_list("status", flat=True)) == {"published"}
    assert "2 opleidingen zijn gepubliceerd." in response.text
    assert LogEntry.objects.filter(object_id__in=[str(p.pk) for p in drafts]).count() == 2


def test_draft_action_takes_a_pathway_off_the_site(staff_client):
    pathway = f.PathwayFactory(status=PublicationStatus.PUBLISHED)

    response = staff_client.post(
        admin_url(Pathway, "changelist"),
        {"action": "make_draft", admin.helpers.ACTION_CHECKBOX_NAME: [pathway.pk]},
        follow=True,
    )

    pathway.refresh_from_db()
    assert pathway.status == PublicationStatus.DRAFT
    assert "1 route is teruggezet naar concept" in response.text


# --- Query budget ------------------------------------------------------------


def count_changelist_queries(client, model):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(admin_url(model, "changelist"))
    assert response.status_code == 200
    return len(queries)


def test_programme_changelist_queries_do_not_grow_with_the_programmes(
    staff_client, django_assert_max_num_queries
):
    qualification = f.QualificationFactory()
    f.ProgrammeFactory.create_batch(5, qualification=qualification)
    with_five = count_changelist_queries(staff_client, Programme)

    f.ProgrammeFactory.create_batch(25, qualification=qualification)
    with_thirty = count_changelist_queries(staff_client, Programme)

    assert with_thirty == with_five
    with django_assert_max_num_queries(15):
        staff_client.get(admin_url(Programme, "changelist"))


# Entries whose optional relations are filled in, so a changelist column that
# follows a relation without list_select_related costs a query per row and shows.
FILLED_IN = {
    Programme: lambda: f.ProgrammeFactory(qualification=f.QualificationFactory()),
    Role: lambda: f.RoleFactory(required_qualification=f.QualificationFactory()),
    Step: lambda: f.StepFactory(yields=f.QualificationFactory(), leads_to_role=f.RoleFactory()),
    StepOffer: lambda: f.StepOfferFactory(organisation=f.OrganisationFactory()),
    Resource: lambda: f.ResourceFactory(organisation=f.OrganisationFactory()),
    Quote: lambda: f.QuoteFactory(organisation=f.OrganisationFactory()),
}


@pytest.mark.parametrize("model", REGISTERED_MODELS, ids=MODEL_IDS)
def test_changelist_queries_do_not_grow_with_the_entries(staff_client, model):
    create = FILLED_IN.get(model, lambda: make(model))
    create()
    with_one = count_changelist_queries(staff_client, model)

    for _ in range(4):
        create()
    with_more = count_changelist_queries(staff_client, model)

    assert with_more == with_one


def test_staff_edit_of_a_seeded_contact_shows_on_the_site_and_survives_make_run(
    staff_client, seeded_db
):
    """The issue's 'done when': edit in the admin, see it on the site, run the
    seed step of `make run` again, and the edit is still there."""
    from django.core.management import call_command

    programme = Programme.objects.get(slug="windesheim-leraar-technisch-beroepsonderwijs")
    response = post_programme_change(
        staff_client, programme, **{"contacts-0-email": "nieuw.adres@windesheim.nl"}
    )
    assert response.status_code == 302

    page = staff_client.get(programme.get_absolute_url()).content.decode()
    assert 'href="mailto:nieuw.adres@windesheim.nl"' in page
    assert "e.schakelaar@windesheim.nl" not in page

    call_command("load_seed", verbosity=0)

    page = staff_client.get(programme.get_absolute_url()).content.decode()
    assert 'href="mailto:nieuw.adres@windesheim.nl"' in page
    assert ProgrammeContact.objects.filter(email="e.schakelaar@windesheim.nl").count() == 0


def test_help_texts_hold_no_angle_brackets_the_admin_would_read_as_html():
    """The admin shows help texts as HTML: '/opleidingen/<slug>/' would lose '<slug>'."""
    offending = [
        f"{model._meta.label}.{field.name}"
        for model in own_models()
        for field in model._meta.get_fields()
        if "<" in str(getattr(field, "help_text", ""))
    ]
    assert offending == []
