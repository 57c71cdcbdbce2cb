"""The public page of an entry with a publication status: the published page for
everyone, a preview (not cached) for staff who may see the entry, 410 Gone with
alternatives for an archived entry, and 404 for a draft."""

from django.contrib.auth import get_permission_codename
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control

from editorial.status import PublicationStatus


def admin_change_url(entry):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


def can_preview(user, model):
    """Staff who may view `model` in the admin may preview its unpublished entries."""
    if not (user.is_active and user.is_staff):
        return False
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change")
    )


def mark_private(response):
    """A preview is for one staff member: no shared cache keeps it, no search engine."""
    patch_cache_control(response, private=True, no_store=True)
    response["X-Robots-Tag"] = "noindex"
    return response


class PublicationDetailMixin:
    """For the DetailView of an entry with a publication status.

    The public gets a published entry as usual. For an address whose entry is
    not published: staff who may see it get a preview (the normal page with a
    banner, not cached); the public gets 410 Gone with a helpful page for an
    archived entry (`gone_template_name`, `get_gone_context()`), 404 otherwise.

    A published page costs no extra query: the lookup of an unpublished entry
    (`get_hidden_entry()`) only runs after a 404. get_queryset() limits its
    entries with `self.visible()`, which lets a preview see every status.
    """

    preview = False
    preview_messages = {}  # status -> banner text
    gone_template_name = None

    def visible(self, queryset, status_field="status"):
        if self.preview:
            return queryset
        return queryset.filter(**{status_field: PublicationStatus.PUBLISHED})

    def get_hidden_entry(self):
        """The unpublished entry at this address, or None."""
        raise NotImplementedError

    def status_of(self, entry):
        return entry.status

    def get_gone_context(self, entry):
        return {}

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            entry = self.get_hidden_entry()
            if entry is None:
                raise
        if can_preview(request.user, type(entry)):
            self.preview = True
            self.preview_entry = entry
            return mark_private(super().get(request, *args, **kwargs))
        if self.status_of(entry) == PublicationStatus.ARCHIVED:
            return TemplateResponse(
                request, self.gone_template_name, self.get_gone_context(entry), status=410
            )
        raise Http404("Dit is nog een concept.")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.preview:
            context["preview"] = {
                "message": self.preview_messages[self.status_of(self.preview_entry)],
                "admin_url": admin_change_url(self.object),
            }
        return context
