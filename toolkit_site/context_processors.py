"""Context shared by every public page."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from pathways.models import ContactPurpose, OrganisationContact


def toolkit_contact_for(request):
    """The toolkit's own contact (purpose "toolkit"), or None; fetched once per request."""
    if not hasattr(request, "_toolkit_contact"):
        request._toolkit_contact = OrganisationContact.objects.for_purpose(ContactPurpose.TOOLKIT)
    return request._toolkit_contact


def site(request):
    """The toolkit's contact (data, not template text), shown in every page's footer.

    Lazy, so a page that never shows it (the admin) does not pay for the query;
    a page that does pays one query, shared with a view that asks for it too.
    """
    return {
        "toolkit_contact": SimpleLazyObject(lambda: toolkit_contact_for(request)),
        "canonical_url": canonical_url(request),
        # With the query string: a printed filtered list names its own filters.
        "full_url": canonical_url(request, request.get_full_path()),
    }


def canonical_url(request, path=None):
    """The absolute address of a page without its query string.

    SITE_URL (for example https://docententoolkit.nl) fixes the scheme and host in
    production, so a canonical link never depends on a Host header; without it the
    request's own host is used (development and tests).
    """
    path = request.path if path is None else path
    base = getattr(settings, "SITE_URL", "").rstrip("/")
    return f"{base}{path}" if base else request.build_absolute_uri(path)
