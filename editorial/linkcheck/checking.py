"""Checking one address over HTTP, and many at a time in a small thread pool.

The threads only talk to the network; the caller stores the results in its own
thread, so no database connection is shared between threads.
"""

import dataclasses
import http.client
import socket
import ssl
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor, as_completed
from urllib.parse import urlsplit

from django.conf import settings

DEFAULT_TIMEOUT = 10  # seconds
DEFAULT_WORKERS = 4
MAX_REDIRECTS = 10


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
