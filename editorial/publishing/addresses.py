"""Which entries the public has, or had, at their address, and since when an
entry is archived: both read from the entry's history."""

from django.db.models import Exists, OuterRef, Q, Subquery

from editorial.status import PUBLIC_STATUSES, PublicationStatus


def was_ever_published(entry):
    """Whether the entry's history holds a published version (one query)."""
    return entry.history.filter(status=PublicationStatus.PUBLISHED).exists()


def has_public_address(entry):
    """Whether the public has, or had, this entry at its address: published,
    archived, or a draft that was published before."""
    if entry.status in PUBLIC_STATUSES:
        return True
    return entry.pk is not None and was_ever_published(entry)


def with_public_address(queryset):
    """The entries of `queryset` that `has_public_address()` (one query)."""
    historical = queryset.model.history.model
    return queryset.filter(
        Q(status__in=PUBLIC_STATUSES)
        | Exists(
            historical.objects.filter(
                **{queryset.model._meta.pk.attname: OuterRef("pk")},
                status=PublicationStatus.PUBLISHED,
            )
        )
    )


def archived_since(entry):
    """When `entry` was archived, as its history records it, or None if unknown.

    That is the first version of the latest run of archived versions. If no
    earlier version was anything else (the history starts archived, as after
    loading the seed) the moment is not known. One query.
    """
    history = entry.history.all()
    last_not_archived = (
        history.exclude(status=PublicationStatus.ARCHIVED)
        .order_by("-history_date")
        .values("history_date")[:1]
    )
    return (
        history.filter(
            status=PublicationStatus.ARCHIVED, history_date__gt=Subquery(last_not_archived)
        )
        .order_by("history_date")
        .values_list("history_date", flat=True)
        .first()
    )
