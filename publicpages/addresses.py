"""The absolute address of a public page, for canonical links, sharing and print."""

from django.conf import settings


def canonical_url(request, path=None):
    """The absolute address of a page without its query string.

    SITE_URL (for example https://docententoolkit.nl) fixes the scheme and host in
    production, so a canonical link never depends on a Host header; without it the
    request's own host is used (development and tests).
    """
    path = request.path if path is None else path
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)
