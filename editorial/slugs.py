"""Old addresses keep working: a model whose address holds slugs that staff can
change inherits `KeepsOldSlugs`, and its slug history model (related_name
"old_slugs") answers `record()` and `redirect_target()`. The middleware in
`editorial.redirects` turns a 404 on an old address into a 301. Why each old slug
points to the entry, not to the next slug: docs/decisions/0003-old-addresses.md.
"""

from django.db import models, router, transaction


def write_database(instance, save_kwargs):
    """The database alias a model's save() writes to."""
    return save_kwargs.get("using") or router.db_for_write(type(instance), instance=instance)


def saves_any_of(save_kwargs, *field_names):
    """Whether a save() with these arguments writes one of the fields.

    A save with `update_fields` that leaves the slug out cannot change it, even
    when the slug in memory differs from the stored one.
    """
    update_fields = save_kwargs.get("update_fields")
    return update_fields is None or any(name in update_fields for name in field_names)


def stored_values(instance, *field_names, using):
    """The values of these fields as they are stored now; None for a new entry."""
    if instance._state.adding or instance.pk is None:
        return None
    return (
        type(instance)
        ._base_manager.using(using)
        .filter(pk=instance.pk)
        .values_list(*field_names)
        .first()
    )


class KeepsOldSlugs(models.Model):
    """Saves the entry and, in the same transaction, keeps its previous address
    in `old_slugs` when the fields of `address_fields` changed.

    loaddata (the seed, a restore) bypasses save(), so loading records nothing.
    """

    # The stored fields that make up the entry's address, and the names a save()'s
    # update_fields may use for them.
    address_fields = ("slug",)
    address_field_names = ("slug",)

    class Meta:
        abstract = True

    def save(self, **kwargs):
        if not saves_any_of(kwargs, *self.address_field_names):
            return super().save(**kwargs)
        using = write_database(self, kwargs)
        with transaction.atomic(using=using):
            stored = stored_values(self, *self.address_fields, using=using)
            super().save(**kwargs)
            self.old_slugs.model.objects.using(using).record(self, stored)


class SlugHistoryQuerySet(models.QuerySet):
    """One old slug points to one entry, through the foreign key `owner_field`.

    A live slug always wins: an entry that takes a slug (new, or its own old one
    again) removes that slug from the history.
    """

    owner_field = None

    def record(self, owner, previous):
        """Updates the history after `owner` was saved; `previous` is the stored
        (slug,) it had before, None for a new entry."""
        previous_slug = previous[0] if previous else None
        if previous_slug == owner.slug:
            return
        self.filter(old_slug=owner.slug).delete()
        if previous_slug:
            self.update_or_create(old_slug=previous_slug, defaults={self.owner_field: owner})
