"""schema.org data (JSON-LD) for the toolkit's publisher, on the home and contact pages.

The one rule: it is built from data staff edit (the toolkit contact and its
organisation) and leaves out every value that is unknown, so it never claims
something the site does not know.
"""

from .context_processors import toolkit_contact_for


def without_empty(data):
    """The dict without keys whose value is empty, so structured data never
    claims a value we do not know."""
    return {key: value for key, value in data.items() if value not in ("", None, [], {})}


def organisation_json_ld(contact):
    """schema.org Organization for the toolkit's publisher, built only from data.

    The publisher is the organisation of the toolkit contact (OrganisationContact
    with purpose "toolkit"); the contact itself becomes its ContactPoint. Unknown
    values are left out. None when there is no toolkit contact.
    """
    if contact is None:
        return None
    organisation = contact.organisation
    contact_point = without_empty(
        {
            "@type": "ContactPoint",
            "contactType": contact.role or str(contact.get_purpose_display()),
            "name": contact.name,
            "email": contact.email,
            "telephone": contact.phone,
            "url": contact.url,
        }
    )
    return without_empty(
        {
            "@context": "https://schema.org",
            "@type": "Organization",
            "name": organisation.name,
            "alternateName": organisation.short_name
            if organisation.short_name != organisation.name
            else "",
            "url": organisation.website,
            "email": organisation.email,
            "description": organisation.description,
            "contactPoint": [contact_point],
        }
    )


class OrganisationStructuredDataMixin:
    """Adds `organisation_ld` (schema.org JSON-LD data) for the toolkit's publisher."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["organisation_ld"] = organisation_json_ld(toolkit_contact_for(self.request))
        return context
