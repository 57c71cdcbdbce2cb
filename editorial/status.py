"""The publication status that programmes and routes share, and what it means for
their address. The rules around it (completeness, archiving, previews) live in
`editorial.publishing`; docs/decisions/0004-publication-status.md says why."""

import dataclasses

from django.db import models
from django.utils.translation import gettext_lazy as _


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Concept")
    PUBLISHED = "published", _("Gepubliceerd")
    ARCHIVED = "archived", _("Gearchiveerd")


# Statuses whose address the public knows: the entry is, or was, on the site.
PUBLIC_STATUSES = (PublicationStatus.PUBLISHED, PublicationStatus.ARCHIVED)


@dataclasses.dataclass(frozen=True)
class Requirement:
    """Something a published entry must have: a foreign key that is filled in,
    or a reverse relation (its related_name) with at least one row.

    `missing` names it as it reads after "er ontbreekt nog": "een website".
    A model lists its own as `publication_requirements`.
    """

    name: str
    missing: str
