"""Every change form of the content fits a 1,280 px laptop screen, next to the
admin's menu, without scrolling sideways (static/css/admin.css): with its most
filled-in entry, on the add page, on the page that restores a version, and with
an empty row added to every inline."""

import pytest
from django.contrib import admin
from django.db.models import Count
from django.forms.models import _get_foreign_key

from editorial.versions import is_tracked
from pathways.models import Pathway, Step, StepOffer
from programmes.models import Programme
from tests.test_admin import REGISTERED_MODELS, admin_url, make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTH = 1280
PASSWORD = "een-lang-wachtwoord-2026"


def fullest_entry(model):
    """The entry with the most rows in its page's inlines (the widest page), or a new one."""
    model_admin = admin.site._registry[model]
    rows = {}
    for inline in model_admin.inlines:
        fk = _get_foreign_key(model, inline.model, fk_name=inline.fk_name)
        counts = inline.model._default_manager.values(fk.attname).annotate(n=Count("pk"))
        for count in counts:
            rows[count[fk.attname]] = rows.get(count[fk.attname], 0) + count["n"]
    if rows:
        return model._default_manager.get(pk=max(rows, key=rows.get))
    return model._default_manager.order_by("pk").first() or make(model)


def page_width(page, url):
    response = page.goto(url)
    assert response.status == 200, url
    page.wait_for_load_state("load")
    return page.evaluate("document.documentElement.scrollWidth")


def log_in(page, base):
    page.goto(base + "/beheer/")
    page.get_by_label("Gebruikersnaam").fill("beheerder")
    page.get_by_label("Wachtwoord").fill(PASSWORD)
    page.locator("#login-form input[type=submit]").click()
    page.wait_for_load_state("load")


def test_every_change_form_fits_1280_pixels(
    live_server, seeded_transactional_db, page, django_user_model
):
    django_user_model.objects.create_superuser("beheerder", "beheerder@example.org", PASSWORD)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    log_in(page, live_server.url)

    too_wide = {}
    for model in REGISTERED_MODELS:
        entry = fullest_entry(model)
        urls = [admin_url(model, "change", entry.pk), admin_url(model, "add")]
        if is_tracked(model) and entry.history.exists():  # a version's form, to restore it
            urls.append(admin_url(model, "simple_history", entry.pk, entry.history.last().pk))
        for url in urls:
            width = page_width(page, live_server.url + url)
            if width > WIDTH:
                too_wide[url] = width
    assert too_wide == {}


def test_forms_with_inlines_fit_with_a_new_row_in_every_inline(
    live_server, seeded_transactional_db, page, django_user_model
):
    django_user_model.objects.create_superuser("beheerder", "beheerder@example.org", PASSWORD)
    page.set_viewport_size({"width": WIDTH, "height": 800})
    log_in(page, live_server.url)

    for model in (Programme, Pathway, Step, StepOffer):
        url = live_server.url + admin_url(model, "change", fullest_entry(model).pk)
        page_width(page, url)
        # Rows of tabular and stacked inlines, not counting the hidden templates.
        rows = page.locator(".inline-related:not(.empty-form), tr.form-row:not(.empty-form)")
        before = rows.count()
        add_links = page.locator(".add-row a")
        for index in range(add_links.count()):
            add_links.nth(index).click()
        assert add_links.count() > 0
        assert rows.count() >= before + add_links.count()
        assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH, url
