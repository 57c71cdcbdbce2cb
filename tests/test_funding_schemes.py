"""FundingScheme.is_open, has_ended and state_text over their boundaries (the day
before, on and after the start and end dates), and the card include that step,
route, role and advice pages use (templates/pathways/_funding_schemes.html)."""

import datetime
from unittest import mock

import pytest
from django.template.loader import render_to_string
from django.utils import timezone

from pathways.models import FundingScheme, SchemeKind, SchemeStatus

from . import factories as f

START = datetime.date(2024, 4, 3)
END = datetime.date(2029, 3, 29)
DAY = datetime.timedelta(days=1)


def scheme(**fields):
    """An unsaved scheme: the methods need no database."""
    defaults = {"name": "Regeling", "slug": "regeling", "kind": SchemeKind.SUBSIDY}
    return FundingScheme(**(defaults | fields))


@pytest.mark.parametrize(
    ("today", "is_open", "has_ended", "state"),
    [
        (START - DAY, False, False, "Begint op 3 april 2024"),
        (START, True, False, "Loopt tot en met 29 maart 2029"),
        (END - DAY, True, False, "Loopt tot en met 29 maart 2029"),
        (END, True, False, "Loopt tot en met 29 maart 2029"),
        (END + DAY, False, True, "Gestopt: liep tot en met 29 maart 2029"),
        (END + 400 * DAY, False, True, "Gestopt: liep tot en met 29 maart 2029"),
    ],
)
def test_an_open_scheme_runs_from_its_start_through_its_end_date(today, is_open, has_ended, state):
    open_scheme = scheme(status=SchemeStatus.OPEN, starts_on=START, ends_on=END)

    assert open_scheme.is_open(today) is is_open
    assert open_scheme.has_ended(today) is has_ended
    assert open_scheme.state_text(today) == state


def test_an_open_scheme_without_dates_runs_and_never_ends():
    endless = scheme(status=SchemeStatus.OPEN)

    assert endless.is_open(datetime.date(2099, 1, 1))
    assert not endless.has_ended(datetime.date(2099, 1, 1))
    assert endless.state_text(datetime.date(2099, 1, 1)) == "Loopt"


@pytest.mark.parametrize("status", [SchemeStatus.UNKNOWN, SchemeStatus.CLOSED])
def test_only_a_scheme_a_source_says_runs_is_open(status):
    assert not scheme(status=status, ends_on=END).is_open(START)


def test_a_scheme_nobody_checked_says_so_until_its_end_date_passes():
    unchecked = scheme(status=SchemeStatus.UNKNOWN, ends_on=END)

    assert unchecked.state_text(END) == "Niet nagegaan of de regeling nog loopt"
    assert unchecked.state_text(END + DAY) == "Gestopt: liep tot en met 29 maart 2029"


def test_a_closed_scheme_is_stopped_even_before_its_end_date():
    closed = scheme(status=SchemeStatus.CLOSED, ends_on=END)

    assert closed.state_text(START) == "Gestopt"
    assert scheme(status=SchemeStatus.CLOSED).state_text(START) == "Gestopt"


def test_today_is_the_local_date_of_the_site_not_utc(settings):
    """At 23:30 UTC on 29 March it is already 30 March in Amsterdam."""
    settings.TIME_ZONE = "Europe/Amsterdam"
    late = datetime.datetime(2029, 3, 29, 23, 30, tzinfo=datetime.UTC)
    open_scheme = scheme(status=SchemeStatus.OPEN, ends_on=END)

    with mock.patch("django.utils.timezone.now", return_value=late):
        assert timezone.localdate() == END + DAY
        assert open_scheme.has_ended()
        assert open_scheme.state_text().startswith("Gestopt")


def test_the_address_is_the_schemes_section_on_the_funding_page():
    assert scheme(slug="lerarenbeurs").get_absolute_url() == "/kosten-en-subsidies/#lerarenbeurs"


# --- The card include ---------------------------------------------------------------


@pytest.mark.django_db
def test_the_card_shows_name_state_for_whom_and_amount_with_a_link():
    card = f.FundingSchemeFactory(
        name="Lerarenbeurs",
        slug="lerarenbeurs",
        kind=SchemeKind.GRANT,
        for_whom="Leraren met een bevoegdheid.",
        not_for="Een nieuwe docent zonder bevoegdheid.",
        amount="Collegegeld: ten hoogste € 7.000 per jaar.",
    )

    html = render_to_string("pathways/_funding_schemes.html", {"schemes": [card]})

    assert "<h3>Lerarenbeurs</h3>" in html
    assert "Niet nagegaan of de regeling nog loopt." in html
    assert "Voor de kandidaat." in html
    assert "Leraren met een bevoegdheid." in html
    assert "Een nieuwe docent zonder bevoegdheid." in html
    assert "ten hoogste € 7.000 per jaar" in html
    assert 'href="/kosten-en-subsidies/#lerarenbeurs"' in html


@pytest.mark.django_db
def test_the_card_of_an_ended_scheme_never_says_it_runs():
    ended = f.FundingSchemeFactory(
        status=SchemeStatus.OPEN, ends_on=timezone.localdate() - DAY, name="Oude regeling"
    )

    html = render_to_string("pathways/_funding_schemes.html", {"schemes": [ended], "level": "h4"})

    assert "<h4>Oude regeling</h4>" in html
    assert "Gestopt: liep tot en met" in html
    assert "Loopt" not in html


def test_without_schemes_the_include_renders_nothing():
    assert render_to_string("pathways/_funding_schemes.html", {"schemes": []}).strip() == ""
