"""The admin speaks Dutch on every page, with one date format ("24 november 2026",
"24 november 2026 14:05"), and its delete confirmation names what goes in plain
words. Dutch for what the packages leave in English: locale/nl/ and
toolkit_site/axes_admin.py."""

import ast
import contextlib
import gettext
import re
from pathlib import Path

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from editorial.models import LinkCheck
from editorial.versions import is_tracked
from programmes.models import LearningForm, Module

from . import factories as f
from .test_admin import REGISTERED_MODELS, make

pytestmark = pytest.mark.django_db

LOCALE = Path(settings.BASE_DIR) / "locale" / "nl" / "LC_MESSAGES"

# What the admin showed in English before; none of it may come back.
ENGLISH = [
    "Model name",
    "Add link",
    "Change or view list link",
    "Error:",
    "Axes",
    "Access attempt",
    "access attempt",
    "Access failure",
    "access failure",
    "Access log",
    "access log",
    "Attempted Access",
    "Failed access",
    "Attempt Time",
    "Logout Time",
    "IP Address",
    "User Agent",
    "Failed Logins",
    "Attempt Remaining",
    "Form Data",
    "Meta Data",
    "Expiration",
    "Clean up expired attempts",
    " object (",
    "Can add",
    "Can change",
    "Can delete",
    "Can view",
    "historical ",
]
ENGLISH_MONTH = re.compile(
    r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b\.?"
    r"|\b(January|February|March|April|June|July|August|September|October|November|December)\b"
)
DUTCH_MONTHS = (
    "januari februari maart april mei juni juli augustus september oktober november december"
)
# A date as text on a page: "24 november 2026", perhaps with "14:05".
ONE_DATE_FORMAT = re.compile(
    rf"^\d{{1,2}} ({DUTCH_MONTHS.replace(' ', '|')}) \d{{4}}( \d{{2}}:\d{{2}})?$"
)
# Anything else that looks like a date: 2026-11-24, 24-11-2026, 24 nov 2026, Nov. 24, 2026.
OTHER_DATE = re.compile(
    r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}-\d{1,2}-\d{4}\b|\b\d{1,2} (?!mei\b)[A-Za-z]{3}\.? \d{4}\b"
    r"|\b[A-Z][a-z]{2}\. \d{1,2}, \d{4}\b"
)


def visible_text(response):
    """The page's text as people read it: no scripts, no texts typed in fields."""
    html = response.content.decode()
    html = re.sub(r"(?s)<script.*?</script>|<textarea.*?</textarea>", " ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def admin_pages():
    """Every page of the admin there is something to show on: the index, and for
    each model its list, and for its first entry the change, history, version and
    delete pages."""
    pages = [reverse("admin:index")]
    for model in admin.site._registry:
        opts = model._meta
        name = f"admin:{opts.app_label}_{opts.model_name}"
        pages.append(reverse(f"{name}_changelist"))
        obj = model._default_manager.order_by("pk").first()
        if obj is None:
            continue
        pages += [
            reverse(f"{name}_change", args=[obj.pk]),
            reverse(f"{name}_history", args=[obj.pk]),
        ]
        if is_tracked(model) and obj.history.exists():
            pages.append(reverse(f"{name}_simple_history", args=[obj.pk, obj.history.last().pk]))
        with contextlib.suppress(NoReverseMatch):
            pages.append(reverse(f"{name}_delete", args=[obj.pk]))
    return pages


@pytest.fixture
def every_kind_of_entry(django_user_model):
    """An entry of every model in the admin, axes' login records among them."""
    for model in REGISTERED_MODELS:
        make(model)
    Group.objects.create(name="Redactie")
    LinkCheck.objects.create(url="https://example.org/", ok=True, checked_at=timezone.now())
    django_user_model.objects.create_user("gastredacteur", password="een-lang-wachtwoord-2026")
    Client().post(reverse("admin:login"), {"username": "gastredacteur", "password": "fout"})
    # Kept only with AXES_ENABLE_ACCESS_FAILURE_LOG; made here, as axes would.
    AccessFailureLog.objects.create(
        username="gastredacteur",
        ip_address="127.0.0.1",
        user_agent="",
        http_accept="",
        path_info="/",
    )
    assert AccessAttempt.objects.exists()


def test_every_admin_page_is_dutch_with_one_date_format(every_kind_of_entry, staff_client):
    assert AccessLog.objects.exists()  # the staff member's login
    english, other_dates, checked = {}, {}, 0
    for url in admin_pages():
        response = staff_client.get(url)
        if (
            response.status_code == 403
        ):  # axes' lists, and public entries, cannot be added to or deleted
            continue
        assert response.status_code == 200, url
        text = visible_text(response)
        checked += 1
        found = [words for words in ENGLISH if words in text]
        found += [match.group(0) for match in ENGLISH_MONTH.finditer(text)]
        if found:
            english[url] = found
        dates = [match.group(0) for match in OTHER_DATE.finditer(text)]
        if dates:
            other_dates[url] = dates
    assert checked > 100
    assert english == {}
    assert other_dates == {}


def test_dates_in_lists_and_histories_read_as_24_november_2026(every_kind_of_entry, staff_client):
    f.ProgrammeFactory(checked_on=timezone.localdate().replace(month=11, day=24))
    pages = [
        reverse("admin:programmes_programme_changelist"),
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:axes_accesslog_changelist"),
    ]
    for url in pages:
        text = visible_text(staff_client.get(url))
        dates = re.findall(
            rf"\d{{1,2}} (?:{DUTCH_MONTHS.replace(' ', '|')}) \d{{4}}(?: \d{{2}}:\d{{2}})?", text
        )
        assert dates, url
        assert all(ONE_DATE_FORMAT.match(date) for date in dates)
    assert "24 november" in visible_text(staff_client.get(pages[0]))


def test_the_login_section_has_dutch_names(every_kind_of_entry, staff_client):
    index = visible_text(staff_client.get(reverse("admin:index")))
    assert "Inlogbeveiliging" in index
    assert "Inlogpogingen" in index and "Aanmeldingen" in index
    attempt = AccessAttempt.objects.get()
    page = visible_text(
        staff_client.get(reverse("admin:axes_accessattempt_change", args=[attempt.pk]))
    )
    assert "Inlogpoging van gastredacteur" in page
    assert "Mislukte pogingen" in page and "Gebruikersnaam" in page


def test_the_clean_up_action_of_login_attempts_says_so_in_dutch(every_kind_of_entry, staff_client):
    attempt = AccessAttempt.objects.get()
    response = staff_client.post(
        reverse("admin:axes_accessattempt_changelist"),
        {"action": "cleanup_expired_attempts", admin.helpers.ACTION_CHECKBOX_NAME: [attempt.pk]},
        follow=True,
    )
    assert [str(m) for m in response.context["messages"]] == ["0 verlopen inlogpogingen opgeruimd."]


# --- The translations ---------------------------------------------------------------


def read_po(path):
    """{msgid: msgstr or [plural forms]} of a .po file (the subset locale/ uses)."""
    entries, entry, key = {}, {}, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if "msgid" in entry:
                entries[entry["msgid"]] = entry
            entry, key = ({}, None) if not line or "msgid" in entry else (entry, key)
            continue
        if line.startswith('"'):
            entry[key] += ast.literal_eval(line)
            continue
        key, _space, value = line.partition(" ")
        entry[key] = ast.literal_eval(value)
    return {
        msgid: (
            [entry[k] for k in sorted(entry) if k.startswith("msgstr[")]
            if "msgid_plural" in entry
            else entry["msgstr"]
        )
        for msgid, entry in entries.items()
        if msgid
    }


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_the_compiled_translations_match_their_source(domain):
    """The .mo in git is compiled from the .po next to it (see its header)."""
    source = read_po(LOCALE / f"{domain}.po")
    with (LOCALE / f"{domain}.mo").open("rb") as mo:
        compiled = gettext.GNUTranslations(mo)
    assert len(source) > 5
    for msgid, msgstr in source.items():
        if isinstance(msgstr, list):
            assert [compiled.ngettext(msgid, "", n) for n in (1, 2)] == msgstr, msgid
        else:
            assert compiled.gettext(msgid) == msgstr, msgid


def test_the_scripts_of_the_admin_get_the_dutch_too(staff_client):
    catalog = staff_client.get(reverse("admin:jsi18n")).content.decode()
    assert "Alle %s kiezen" in catalog
    assert "Choose all %s" in catalog  # the key, with its Dutch value


# --- Delete confirmations --------------------------------------------------------


def test_delete_confirmation_names_links_between_entries_in_words(staff_client):
    module = f.ModuleFactory(title="Lesgeven")
    module.learning_forms.set(
        [
            LearningForm.objects.create(name="Praktijkleren", slug="praktijkleren"),
            LearningForm.objects.create(name="Online", slug="online"),
        ]
    )

    response = staff_client.get(reverse("admin:programmes_module_delete", args=[module.pk]))

    text = visible_text(response)
    assert "object (" not in text and "Module_learning_forms" not in text
    assert "Wat er verdwijnt" in text
    assert "Koppelingen: 2" in text
    assert (
        "Koppeling tussen module “Lesgeven” en leervorm “Praktijkleren” "
        "(alleen de koppeling verdwijnt)"
    ) in text
    assert Module.objects.filter(pk=module.pk).exists()


def test_deleting_a_vocabulary_entry_shows_which_entries_lose_it(staff_client):
    profile = f.VocationalProfileFactory(code="BWI", name="Bouwen, wonen en interieur")
    programme = f.ProgrammeFactory(name="Leraar Bouwkunde")
    programme.profiles.add(profile)

    response = staff_client.post(
        reverse("admin:programmes_vocationalprofile_changelist"),
        {"action": "delete_selected", admin.helpers.ACTION_CHECKBOX_NAME: [profile.pk]},
    )

    text = visible_text(response)
    assert "Programme_profiles" not in text and "object (" not in text
    assert f"Koppeling tussen opleiding “{programme}” en vmbo-profiel “{profile}”" in text
