"""The database keeps the content consistent: named constraints and orderings."""

import pytest
from django.db import IntegrityError, models, transaction

from editorial.status import PublicationStatus
from pathways.models import ContactPurpose, OrganisationContact, Pathway, Step, Transition
from programmes.models import Module, Programme, ProgrammeContact, ProgrammeLink, Qualification

from . import factories as f
from .apps import own_models

pytestmark = pytest.mark.django_db


def assert_violates(constraint_name, create):
    with pytest.raises(IntegrityError) as excinfo, transaction.atomic():
        create()
    # SQLite names the columns, PostgreSQL names the constraint; both say "unique"
    # or "check", and PostgreSQL's message carries the name.
    message = str(excinfo.value).lower()
    assert constraint_name.lower() in message or "unique" in message or "check" in message


def test_programme_slug_is_unique():
    programme = f.ProgrammeFactory()
    assert_violates("programme_unique_slug", lambda: f.ProgrammeFactory(slug=programme.slug))


def test_programme_name_is_unique_per_institution_but_not_across_institutions():
    programme = f.ProgrammeFactory(name="Leraar Techniek")
    f.ProgrammeFactory(name="Leraar Techniek")  # another institution: allowed
    assert_violates(
        "programme_unique_name_per_institution",
        lambda: f.ProgrammeFactory(name="Leraar Techniek", institution=programme.institution),
    )


def test_programme_rejects_empty_slug_unknown_status_and_zero_ec():
    assert_violates("programme_slug_not_empty", lambda: f.ProgrammeFactory(slug=""))
    assert_violates("programme_status_valid", lambda: f.ProgrammeFactory(status="secret"))
    assert_violates("programme_total_ec_positive", lambda: f.ProgrammeFactory(total_ec=0))


def test_contact_email_is_unique_per_programme():
    contact = f.ProgrammeContactFactory()
    assert_violates(
        "programmecontact_unique_email_per_programme",
        lambda: f.ProgrammeContactFactory(programme=contact.programme, email=contact.email),
    )
    # The same person may be the contact of a second programme.
    f.ProgrammeContactFactory(email=contact.email)


def test_link_url_is_unique_per_programme():
    link = f.ProgrammeLinkFactory()
    assert_violates(
        "programmelink_unique_url_per_programme",
        lambda: f.ProgrammeLinkFactory(programme=link.programme, url=link.url),
    )


def test_module_ec_must_be_positive():
    assert_violates("module_ec_positive", lambda: f.ModuleFactory(ec=0))


def test_qualification_nlqf_level_stays_between_1_and_8():
    assert_violates(
        "qualification_nlqf_level_1_to_8",
        lambda: Qualification.objects.create(slug="x", name="X", nlqf_level=9),
    )


def test_step_slug_is_unique_within_a_pathway_only():
    step = f.StepFactory(slug="orientatietraject")
    f.StepFactory(slug="orientatietraject")  # another pathway: allowed
    assert_violates(
        "step_unique_slug_per_pathway",
        lambda: f.StepFactory(pathway=step.pathway, slug="orientatietraject"),
    )


def test_transition_cannot_point_to_its_own_step_or_repeat():
    transition = f.TransitionFactory()
    assert_violates(
        "transition_not_to_itself",
        lambda: Transition.objects.create(
            from_step=transition.from_step, to_step=transition.from_step
        ),
    )
    assert_violates(
        "transition_unique_pair",
        lambda: Transition.objects.create(
            from_step=transition.from_step, to_step=transition.to_step
        ),
    )


def test_step_offer_needs_an_institution_or_an_organisation():
    assert_violates(
        "stepoffer_has_provider",
        lambda: f.StepOfferFactory(institution=None, organisation=None),
    )


def test_only_one_toolkit_contact_and_one_hybrid_coach_but_many_other_contacts():
    f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT)
    f.OrganisationContactFactory(purpose=ContactPurpose.HYBRID_COACH)
    f.OrganisationContactFactory(purpose=ContactPurpose.OTHER)
    f.OrganisationContactFactory(purpose=ContactPurpose.OTHER)
    assert_violates(
        "organisationcontact_unique_special_purpose",
        lambda: f.OrganisationContactFactory(purpose=ContactPurpose.TOOLKIT),
    )
    assert OrganisationContact.objects.count() == 4


def test_programmes_are_ordered_by_institution_then_name():
    zwolle = f.InstitutionFactory(name="Hogeschool Windesheim")
    amsterdam = f.InstitutionFactory(name="Hogeschool van Amsterdam")
    f.ProgrammeFactory(institution=zwolle, name="B")
    f.ProgrammeFactory(institution=amsterdam, name="Z")
    f.ProgrammeFactory(institution=zwolle, name="A")
    assert [(p.institution.name, p.name) for p in Programme.objects.all()] == [
        ("Hogeschool van Amsterdam", "Z"),
        ("Hogeschool Windesheim", "A"),
        ("Hogeschool Windesheim", "B"),
    ]


def test_links_contacts_and_modules_keep_their_order_within_a_programme():
    programme = f.ProgrammeFactory()
    f.ProgrammeLinkFactory(programme=programme, order=2, url="https://bit.ly/tweede")
    f.ProgrammeLinkFactory(programme=programme, order=1, url="https://bit.ly/eerste")
    f.ProgrammeContactFactory(programme=programme, order=2, name="Tweede")
    f.ProgrammeContactFactory(programme=programme, order=1, name="Eerste")
    f.ModuleFactory(programme=programme, order=2, title="Tweede module")
    f.ModuleFactory(programme=programme, order=1, title="Eerste module")
    assert [link.url for link in ProgrammeLink.objects.filter(programme=programme)] == [
        "https://bit.ly/eerste",
        "https://bit.ly/tweede",
    ]
    assert [c.name for c in ProgrammeContact.objects.filter(programme=programme)] == [
        "Eerste",
        "Tweede",
    ]
    assert [m.title for m in Module.objects.filter(programme=programme)] == [
        "Eerste module",
        "Tweede module",
    ]


def test_steps_are_ordered_within_their_pathway_and_pathways_by_order():
    second = f.PathwayFactory(order=2, name="Tweede route")
    first = f.PathwayFactory(order=1, name="Eerste route")
    f.StepFactory(pathway=first, order=3, title="Drie")
    f.StepFactory(pathway=first, order=1, title="Een")
    assert list(Pathway.objects.all()) == [first, second]
    assert [s.title for s in Step.objects.filter(pathway=first)] == ["Een", "Drie"]


def test_published_hides_drafts_and_archived_programmes():
    published = f.ProgrammeFactory(status=PublicationStatus.PUBLISHED)
    f.ProgrammeFactory(status=PublicationStatus.DRAFT)
    f.ProgrammeFactory(status=PublicationStatus.ARCHIVED)
    assert list(Programme.objects.published()) == [published]


def test_for_profile_finds_programmes_by_profiel_code():
    pie = f.VocationalProfileFactory(code="PIE")
    bwi = f.VocationalProfileFactory(code="BWI", slug="bwi", name="Bouwen, wonen en interieur")
    for_pie = f.ProgrammeFactory()
    for_pie.profiles.add(pie)
    f.ProgrammeFactory().profiles.add(bwi)
    assert list(Programme.objects.for_profile("pie")) == [for_pie]


def test_natural_keys_round_trip():
    step = f.StepFactory()
    assert Step.objects.get_by_natural_key(*step.natural_key()) == step
    programme = f.ProgrammeFactory()
    assert Programme.objects.get_by_natural_key(*programme.natural_key()) == programme


def test_str_and_absolute_urls_are_readable():
    programme = f.ProgrammeFactory(name="Leraar Techniek", institution__name="Hogeschool Utrecht")
    assert str(programme) == "Leraar Techniek (Hogeschool Utrecht)"
    assert programme.get_absolute_url() == f"/opleidingen/{programme.slug}/"
    step = f.StepFactory(pathway__slug="route", slug="stap")
    assert step.get_absolute_url() == "/routes/route/stap/"
    assert step.pathway.get_absolute_url() == "/routes/route/"


def test_every_model_has_an_ordering_a_dutch_name_and_its_own_str():
    for model in own_models():
        label = model._meta.label
        assert model._meta.ordering, f"{label} has no Meta.ordering"
        assert "verbose_name" in model._meta.original_attrs, f"{label} has no Dutch name"
        assert "verbose_name_plural" in model._meta.original_attrs, label
        assert model.__str__ is not models.Model.__str__, f"{label} has no __str__"
        for field in model._meta.get_fields():
            if field.concrete and not field.auto_created:
                # Django keeps the verbose_name as given (None when none was).
                assert field._verbose_name is not None, (
                    f"{label}.{field.name} has no Dutch verbose_name"
                )
