"""Context shared by every public page."""

from django.utils.functional import SimpleLazyObject

from pathways.models import ContactPurpose, OrganisationContact
from publicpages.addresses import canonical_url


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
