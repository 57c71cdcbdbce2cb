"""Checking the external addresses the site shows, and finding broken ones in the admin.

`manage.py check_links` uses the first half of this module:

- `collect_urls()` gathers every address that entries link to (`linked_fields()`),
  once per address: the same bit.ly link on a programme and a resource is
  checked once, and its result (a `LinkCheck` row) serves both.
- `check_url()` checks one address with the standard library (`urllib.request`),
  which does all we need: redirects, timeouts, TLS with the system's
  certificates. A dependency such as requests would add nothing here.
- `check_urls()` checks many in a small thread pool: the work is waiting on
  the network, so threads suit it, and few of them are polite to servers.
- `record_result()` stores a result in the database (main thread only).

The admin uses the second half: `BrokenLinkFilter` and its variants, and
`LinkStatusColumnMixin`. Both match an entry's address to its result with an
`Exists()`/`Subquery()` on `LinkCheck.url`, so a list costs the same number of
queries however many entries it shows.
"""

import dataclasses
import http.client
import socket
import ssl
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from urllib.parse import urlsplit

from django.apps import apps
from django.conf import settings
from django.contrib import admin
from django.db import models
from django.db.models import Case, Exists, OuterRef, Q, Subquery, Value, When
from django.utils.translation import gettext_lazy as _

from .models import LinkCheck

DEFAULT_TIMEOUT = 10  # seconds
DEFAULT_WORKERS = 4
MAX_REDIRECTS = 10


def linked_fields():
    """Every (model, field name) that holds an address the site shows: each model
    names its own in `linked_url_fields`. Entries of every status count: a draft may
    be published tomorrow, and an archived programme's page still shows its website."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in getattr(model, "linked_url_fields", ())
    ]


# --- Which addresses ---------------------------------------------------------


def collect_urls():
    """Every address that an entry links to, each once, sorted. Empty fields are skipped."""
    urls = set()
    for model, field in linked_fields():
        manager = model._default_manager
        urls.update(manager.exclude(**{field: ""}).values_list(field, flat=True).distinct())
    return sorted(urls)


def urls_to_check(urls, *, only_broken=False, checked_before=None):
    """Of `urls` (from `collect_urls()`), those a run of `check_links` checks: all,
    or only those that did not work last time (`only_broken`), or only those never
    checked or checked before a moment (`checked_before`). Both options: both hold."""
    if only_broken:
        broken = set(LinkCheck.objects.broken().values_list("url", flat=True))
        urls = [url for url in urls if url in broken]
    if checked_before is not None:
        recent = set(
            LinkCheck.objects.filter(checked_at__gte=checked_before).values_list("url", flat=True)
        )
        urls = [url for url in urls if url not in recent]
    return urls


def unused_results_count(urls):
    """How many stored results belong to addresses no entry links to any more.

    They are not deleted: that is for staff to decide, in the admin."""
    in_use = set(urls)
    return sum(1 for url in LinkCheck.objects.values_list("url", flat=True) if url not in in_use)


# --- Checking one address ----------------------------------------------------


@dataclasses.dataclass(frozen=True)
class LinkResult:
    """What checking one address found. `ok`: a 2xx answer after all redirects."""

    url: str
    ok: bool
    status_code: int | None = None
    final_url: str = ""
    redirected: bool = False
    error: str = ""


def default_user_agent():
    """Names the site and, when known, its address, so a web master who sees our
    requests in a log knows who asks. The "Mozilla/5.0 (compatible; ...)" form is
    how well-behaved bots introduce themselves; some servers refuse anything else."""
    site_url = getattr(settings, "SITE_URL", "")
    contact = f"; +{site_url}" if site_url else ""
    return f"Mozilla/5.0 (compatible; DocententoolkitTechniek-linkcontrole/1.0{contact})"


# Short Dutch explanations of HTTP error statuses, for staff.
STATUS_TEXTS = {
    400: "Ongeldig verzoek",
    401: "Inloggen vereist",
    403: "Geen toegang",
    404: "Pagina niet gevonden",
    405: "Methode niet toegestaan",
    410: "Pagina verwijderd",
    429: "Te veel verzoeken, later opnieuw proberen",
}

UNKNOWN_HOST = "Onbekende server: de naam bestaat niet (DNS)"
REDIRECT_LOOP = "Te veel doorverwijzingen, waarschijnlijk een kringloop (redirect loop)"


def status_text(code):
    """A short Dutch explanation of an HTTP error status, with the number."""
    if code in STATUS_TEXTS:
        text = STATUS_TEXTS[code]
    elif 300 <= code < 400:
        text = "Doorverwijzing zonder bruikbaar nieuw adres"
    elif code >= 500:
        text = "Fout bij de server"
    else:
        text = "Foutmelding van de server"
    return f"{text} ({code})"


def describe_error(exc, timeout):
    """A short Dutch text (with the English term) for a failure without an HTTP answer."""
    reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
    if isinstance(reason, TimeoutError) or (isinstance(reason, str) and "timed out" in reason):
        return f"Time-out: geen antwoord binnen {timeout:g} seconden"
    if isinstance(reason, socket.gaierror):
        return UNKNOWN_HOST
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"Certificaat niet geldig (SSL): {reason.verify_message}"
    if isinstance(reason, ssl.SSLError):
        return "Beveiligde verbinding mislukt (SSL)"
    if isinstance(reason, ConnectionRefusedError):
        return "Verbinding geweigerd: de server neemt niet op (connection refused)"
    if isinstance(reason, ConnectionResetError):  # also http.client.RemoteDisconnected
        return "Verbinding verbroken door de server (connection reset)"
    if isinstance(reason, http.client.HTTPException):
        return "Ongeldig antwoord van de server"
    if isinstance(reason, ValueError):
        return "Ongeldig adres"
    return f"Fout: {reason}"


class _RedirectRecorder(urllib.request.HTTPRedirectHandler):
    """Follows redirects as urllib does (with its loop detection), remembers each
    new address, and keeps the method: urllib turns a HEAD into a GET on redirect."""

    max_redirections = MAX_REDIRECTS

    def __init__(self):
        self.chain = []

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        new = super().redirect_request(req, fp, code, msg, headers, newurl)
        if new is not None:
            new.method = req.get_method()
            self.chain.append(newurl)
        return new


def _request(url, method, timeout, user_agent):
    redirects = _RedirectRecorder()
    opener = urllib.request.build_opener(redirects)
    request = urllib.request.Request(
        url,
        method=method,
        headers={"User-Agent": user_agent, "Accept": "text/html,application/xhtml+xml,*/*"},
    )
    try:
        # The body is never read: the status is all we need, and a GET of a
        # large file must not download it.
        with opener.open(request, timeout=timeout) as response:
            return LinkResult(
                url=url,
                ok=True,
                status_code=response.status,
                final_url=response.geturl(),
                redirected=bool(redirects.chain),
            )
    except urllib.error.HTTPError as exc:
        exc.close()
        loop = str(exc.msg).startswith(urllib.request.HTTPRedirectHandler.inf_msg)
        return LinkResult(
            url=url,
            ok=False,
            status_code=exc.code,
            final_url=exc.filename or url,
            redirected=bool(redirects.chain),
            error=REDIRECT_LOOP if loop else status_text(exc.code),
        )
    except (OSError, http.client.HTTPException, ValueError) as exc:  # URLError is an OSError
        return LinkResult(
            url=url,
            ok=False,
            redirected=bool(redirects.chain),
            final_url=redirects.chain[-1] if redirects.chain else "",
            error=describe_error(exc, timeout),
        )


def check_url(url, *, timeout=DEFAULT_TIMEOUT, user_agent=None):
    """Checks one address: HEAD first (cheap), then GET when the server answers
    HEAD with an error, as many refuse HEAD (405, 501) or mishandle it.

    `timeout` bounds each wait on the network (connecting, each read), not the
    whole check. Never raises: any failure becomes a result with an error text,
    so one odd address cannot stop a run.
    """
    user_agent = user_agent or default_user_agent()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return LinkResult(
            url=url, ok=False, error="Alleen http- en https-adressen worden gecontroleerd"
        )
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if not host:
        return LinkResult(url=url, ok=False, error="Ongeldig adres")
    # RFC 6761: names under .invalid never exist. Answer without a DNS lookup,
    # which on a server without a reachable resolver could wait far past the timeout.
    if host == "invalid" or host.endswith(".invalid"):
        return LinkResult(url=url, ok=False, error=UNKNOWN_HOST)
    try:
        result = _request(url, "HEAD", timeout, user_agent)
        if result.status_code is not None and not result.ok:
            result = _request(url, "GET", timeout, user_agent)
    except Exception as exc:  # noqa: BLE001 - a bug in a library must not stop the whole run
        result = LinkResult(url=url, ok=False, error=f"Onverwachte fout: {exc!r}")
    return result


def check_urls(urls, *, timeout=DEFAULT_TIMEOUT, workers=DEFAULT_WORKERS, user_agent=None):
    """Checks the addresses, `workers` at a time; yields each result as it comes in.

    The threads only talk to the network. The caller stores the results, in its
    own thread, so no database connection is shared between threads.
    """
    user_agent = user_agent or default_user_agent()
    with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="check_links") as pool:
        futures = [
            pool.submit(check_url, url, timeout=timeout, user_agent=user_agent) for url in urls
        ]
        for future in as_completed(futures):
            yield future.result()


def _fit(model_field, value):
    return value[: LinkCheck._meta.get_field(model_field).max_length]


def record_result(result, checked_at):
    """Stores a result: one row per address, updated on every check."""
    check, _created = LinkCheck.objects.update_or_create(
        url=result.url,
        defaults={
            "ok": result.ok,
            "status_code": result.status_code,
            "final_url": _fit("final_url", result.final_url),
            "redirected": result.redirected,
            "error": _fit("error", result.error),
            "checked_at": checked_at,
        },
    )
    return check


# --- In the admin --------------------------------------------------------------


class LinkState(models.IntegerChoices):
    """The state of an entry's address(es); the numbers sort broken ones first."""

    BROKEN = 0, _("werkt niet")
    UNCHECKED = 1, _("nog niet gecontroleerd")
    WORKING = 2, _("werkt")
    NO_ADDRESS = 3, _("geen adres")


def link_state_conditions(model, url_path):
    """The conditions (broken, unchecked, working) for entries of `model`, as
    expressions to filter or annotate with.

    `url_path` is the address field ("url", "website") or, for an entry with
    several addresses, a reverse relation and its field ("links__url"). Then an
    entry is broken when any address is, unchecked when any address has no result
    yet, and working when it has addresses and all of them work.
    """

    def result(url_ref, **filters):
        return Exists(LinkCheck.objects.filter(url=OuterRef(url_ref), **filters))

    relation_name, _sep, field = url_path.rpartition("__")
    if not relation_name:
        broken = result(field, ok=False)
        unchecked = ~Q(**{field: ""}) & ~result(field)
        working = result(field, ok=True)
        return broken, unchecked, working

    relation = model._meta.get_field(relation_name)
    rows = (
        relation.related_model._default_manager.filter(**{relation.field.name: OuterRef("pk")})
        .exclude(**{field: ""})
        .order_by()
    )
    broken = Exists(rows.filter(result(field, ok=False)))
    unchecked = Exists(rows.filter(~result(field)))
    working = Exists(rows) & ~broken & ~unchecked
    return broken, unchecked, working


def annotate_link_state(queryset, url_path):
    """Adds `link_state` (a LinkState number) and, for a single address field,
    `link_error` (the stored error text): one query for the whole list."""
    broken, unchecked, working = link_state_conditions(queryset.model, url_path)
    queryset = queryset.annotate(
        link_state=Case(
            When(broken, then=Value(LinkState.BROKEN)),
            When(unchecked, then=Value(LinkState.UNCHECKED)),
            When(working, then=Value(LinkState.WORKING)),
            default=Value(LinkState.NO_ADDRESS),
            output_field=models.IntegerField(),
        )
    )
    if "__" not in url_path:
        queryset = queryset.annotate(
            link_error=Subquery(
                LinkCheck.objects.filter(url=OuterRef(url_path)).values("error")[:1]
            )
        )
    return queryset


class BrokenLinkFilter(admin.SimpleListFilter):
    """The admin's "linkcontrole" filter: entries whose address does not work,
    works, or has not been checked yet (by `manage.py check_links`).

    Filters on the field `url`; `BrokenLinkFilter.on("website")` makes one for
    another field, `BrokenLinkFilter.on("links__url")` one for the addresses of
    related rows (see `link_state_conditions`).
    """

    title = _("linkcontrole")
    parameter_name = "link"
    url_path = "url"

    CHOICES = {
        "werkt-niet": (LinkState.BROKEN, _("Werkt niet")),
        "werkt": (LinkState.WORKING, _("Werkt")),
        "nog-niet-gecontroleerd": (LinkState.UNCHECKED, _("Nog niet gecontroleerd")),
    }

    @classmethod
    def on(cls, url_path):
        name = "".join(part.title() for part in url_path.split("_") if part)
        return type(f"BrokenLinkFilter{name}", (cls,), {"url_path": url_path})

    def lookups(self, request, model_admin):
        return [(value, label) for value, (_state, label) in self.CHOICES.items()]

    def queryset(self, request, queryset):
        if self.value() not in self.CHOICES:
            return queryset
        broken, unchecked, working = link_state_conditions(queryset.model, self.url_path)
        state = self.CHOICES[self.value()][0]
        condition = {
            LinkState.BROKEN: broken,
            LinkState.UNCHECKED: unchecked,
            LinkState.WORKING: working,
        }[state]
        return queryset.filter(condition)


class LinkStatusColumnMixin:
    """Adds the column "linkcontrole" (add "link_status" to list_display): ✓ or ✗
    with words, never colour alone. `link_url_path` as in `link_state_conditions`."""

    link_url_path = "url"

    SYMBOLS = {
        LinkState.BROKEN: "✗",
        LinkState.UNCHECKED: "?",
        LinkState.WORKING: "✓",
        LinkState.NO_ADDRESS: "–",
    }

    def get_queryset(self, request):
        return annotate_link_state(super().get_queryset(request), self.link_url_path)

    @admin.display(description=_("linkcontrole"), ordering="link_state")
    def link_status(self, obj):
        state = LinkState(obj.link_state)
        text = f"{self.SYMBOLS[state]} {state.label}"
        error = getattr(obj, "link_error", "")
        if state == LinkState.BROKEN and error:
            text = f"{text}: {error}"
        return text
