"""The admin is easy to use: relations are picked by searching (or from a short
list of checkboxes), every entry that appears on the site links to it, and the
fields staff could doubt about say what to type."""

import re

import pytest
from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import (
    AutocompleteSelect,
    AutocompleteSelectMultiple,
    RelatedFieldWidgetWrapper,
)
from django.db import models
from django.urls import reverse

from pathways.models import FundingScheme, Organisation, Pathway, PriorLearning, Role, Rule, Step
from programmes.models import (
    ExemptionMethod,
    LearningForm,
    Module,
    Programme,
    ProgrammeContact,
    ProgrammeLink,
    StudyForm,
    VocationalProfile,
)

from . import factories as f
from .apps import own_models

ADMIN_APPS = {"programmes", "pathways"}
# Vocabulary lists of a handful of entries: shown as checkboxes.
SHORT_LISTS = {VocationalProfile, StudyForm, LearningForm, ExemptionMethod}

MODEL_ADMINS = sorted(
    (
        (model, model_admin)
        for model, model_admin in admin.site._registry.items()
        if model._meta.app_label in ADMIN_APPS
    ),
    key=lambda pair: pair[0]._meta.label,
)


def admin_forms(request):
    """(label, form class) of every admin page and inline of our apps."""
    for model, model_admin in MODEL_ADMINS:
        yield model._meta.label, model_admin.get_form(request)
        for inline in model_admin.get_inline_instances(request):
            formset = inline.get_formset(request)
            yield f"{model._meta.label} > {inline.model._meta.label}", formset.form


def unwrapped(widget):
    return widget.widget if isinstance(widget, RelatedFieldWidgetWrapper) else widget


# --- Relations -------------------------------------------------------------------


def test_every_relation_is_picked_by_search_or_from_a_short_list_of_checkboxes(rf, admin_user):
    """A plain select menu of hundreds of programmes or steps is slow to use: each
    relation uses autocomplete, except the short vocabulary lists (a handful of
    entries each), which are checkboxes on purpose."""
    request = rf.get("/")
    request.user = admin_user
    other = []
    for label, form_class in admin_forms(request):
        for name, field in form_class.base_fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            widget = unwrapped(field.widget)
            if isinstance(widget, AutocompleteSelect | AutocompleteSelectMultiple):
                continue
            if (
                isinstance(widget, forms.CheckboxSelectMultiple)
                and field.queryset.model in SHORT_LISTS
            ):
                continue
            other.append(f"{label}.{name} ({type(widget).__name__})")
    assert other == []


def test_the_check_finds_relations_on_the_programme_form(rf, admin_user):
    """Guards the test above: it really sees the programme's relations."""
    request = rf.get("/")
    request.user = admin_user
    form_class = admin.site._registry[Programme].get_form(request)
    widgets = {
        name: type(unwrapped(field.widget)).__name__
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.ModelChoiceField)
    }
    assert widgets == {
        "institution": "AutocompleteSelect",
        "qualification": "AutocompleteSelect",
        "profiles": "CheckboxSelectMultiple",
        "study_forms": "CheckboxSelectMultiple",
        "locations": "AutocompleteSelectMultiple",
        "exemption_methods": "CheckboxSelectMultiple",
        "sources": "AutocompleteSelectMultiple",
    }


# --- View on site ----------------------------------------------------------------


def published_step():
    return f.StepFactory(pathway=f.PathwayFactory(status="published"))


def programme_part(factory):
    def make():
        return factory(programme=f.ProgrammeFactory(status="published"))

    return make


# model, how to make a published entry, the section of the page it appears in
ENTRIES_WITH_A_PAGE = [
    (Programme, lambda: f.ProgrammeFactory(status="published"), None),
    (Pathway, lambda: f.PathwayFactory(status="published"), None),
    (Step, published_step, None),
    (Role, f.RoleFactory, "{slug}"),
    (ProgrammeContact, programme_part(f.ProgrammeContactFactory), "contact"),
    (ProgrammeLink, programme_part(f.ProgrammeLinkFactory), "websites"),
    (Module, programme_part(f.ModuleFactory), "modules"),
    (Organisation, f.OrganisationFactory, "organisatie-{slug}"),
    (Rule, f.RuleFactory, "regel-{slug}"),
    (PriorLearning, f.PriorLearningFactory, "gedaan-{slug}"),
    (FundingScheme, f.FundingSchemeFactory, "{slug}"),
]
VIEW_ON_SITE_LINK = re.compile(r'<a href="([^"]+)" class="viewsitelink">([^<]+)</a>')


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("model", "make", "anchor"),
    ENTRIES_WITH_A_PAGE,
    ids=[model._meta.label for model, _make, _anchor in ENTRIES_WITH_A_PAGE],
)
def test_change_page_links_to_the_entry_on_the_site(staff_client, model, make, anchor):
    entry = make()
    change_url = reverse(
        f"admin:{model._meta.app_label}_{model._meta.model_name}_change", args=[entry.pk]
    )

    match = VIEW_ON_SITE_LINK.search(staff_client.get(change_url).text)

    assert match, "the change page has a 'view on site' link"
    href, text = match.groups()
    assert text == "Weergeven op website"
    page = staff_client.get(href, follow=True)
    assert page.status_code == 200
    # Entries with get_absolute_url() go through the admin's redirect.
    target = page.redirect_chain[-1][0] if page.redirect_chain else href
    if anchor:
        fragment = anchor.format(slug=getattr(entry, "slug", ""))
        assert target.endswith(f"#{fragment}")
        assert f'id="{fragment}"' in page.text
    else:
        assert target.endswith(entry.get_absolute_url())


def test_every_model_with_a_page_or_a_place_on_one_offers_view_on_site():
    with_link = {
        model
        for model, model_admin in MODEL_ADMINS
        if callable(model_admin.view_on_site)
        or (model_admin.view_on_site and hasattr(model, "get_absolute_url"))
    }
    assert with_link == {model for model, _make, _anchor in ENTRIES_WITH_A_PAGE}


# --- Help texts ------------------------------------------------------------------


def fields_named(*names):
    return [
        field
        for model in own_models()
        for field in model._meta.get_fields()
        if isinstance(field, models.Field) and field.name in names and field.editable
    ]


def test_every_slug_says_what_it_is_for():
    without = [
        f"{field.model._meta.label}.{field.name}"
        for field in fields_named("slug")
        if not field.help_text
    ]
    assert without == []


def test_every_order_says_which_way_it_sorts():
    without = [
        f"{field.model._meta.label}.{field.name}"
        for field in fields_named("order")
        if "lager nummer" not in str(field.help_text).lower()
        and "stappen met hetzelfde nummer" not in str(field.help_text).lower()
        and "eerste" not in str(field.help_text).lower()
    ]
    assert without == []


def test_contact_fields_say_they_are_shown_to_the_public():
    email = ProgrammeContact._meta.get_field("email")
    phone = ProgrammeContact._meta.get_field("phone")
    assert "openbare pagina" in str(email.help_text)
    assert "openbare pagina" in str(phone.help_text)
