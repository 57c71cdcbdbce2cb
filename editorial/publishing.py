"""Draft, published, archived: what the public sees, what staff preview, what
must be complete before it is published, and what may never be deleted.

Programmes and routes (pathways) have a publication status; a step follows the
status of its route.

- **Published**: the public sees the page and the entry is in every list.
- **Draft** (concept): the public gets a 404. Staff who may view the entry in
  the admin see the page at its normal address, exactly as the public would,
  under a banner saying it is a preview (`PublicationDetailMixin`). Saving a
  draft is always allowed, however incomplete.
- **Archived**: the entry is in no list, but its address stays: links on paper
  and elsewhere point to it. The page answers 410 Gone with a helpful page (it
  is no longer offered, since when, and where to look instead). Staff see the
  old page as a preview.

Publishing checks that an entry is complete enough (`PUBLICATION_REQUIREMENTS`):
a programme needs its hogeschool, at least one website and at least one contact
person, because a school leader who finds it must be able to act on it. A route
needs at least one step: its page *is* its steps, and a route without steps
would be an empty promise. The check runs both in the change form (on the inline
rows as they will be after the save, see `required_when_published`) and in the
"Publiceren" action (on the stored rows).

An entry that the public has (or had) at its address is never deleted: a
published or archived entry, or a draft that was published before (its history
holds a published version). Staff archive it instead. A step can be deleted
unless its route is published or archived. Drafts that were never published may
be deleted: nobody outside can have a link to them.
"""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import model_ngettext
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef, Q, Subquery
from django.http import Http404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from .status import PUBLIC_STATUSES, PublicationStatus

# The code of the error a formset gives when a published entry would lack its rows.
REQUIRED_FOR_PUBLISHING = "required_for_publishing"


# --- Completeness --------------------------------------------------------------


def requirements_for(model):
    return getattr(model, "publication_requirements", ())


def is_foreign_key(model, requirement):
    field = model._meta.get_field(requirement.name)
    return field.many_to_one and field.concrete


def missing_for_publishing(entry):
    """What `entry` lacks to be published, as stored now: a list of Requirements
    (empty when complete). One query per relation to count."""
    missing = []
    for requirement in requirements_for(type(entry)):
        if is_foreign_key(type(entry), requirement):
            field = type(entry)._meta.get_field(requirement.name)
            present = getattr(entry, field.attname) is not None
        else:
            present = entry.pk is not None and getattr(entry, requirement.name).exists()
        if not present:
            missing.append(requirement)
    return missing


def missing_text(requirements):
    """ "een website en een contactpersoon" """
    return get_text_list([str(r.missing) for r in requirements], str(_("en")))


def kept_rows(formset):
    """How many rows an inline formset will hold after the save: existing rows
    not marked for deletion, and new rows that were filled in. Usable in the
    formset's own clean(), before is_valid() has finished."""
    count = 0
    for form in formset.forms:
        cleaned_data = getattr(form, "cleaned_data", None) or {}
        if formset.can_delete and cleaned_data.get("DELETE"):
            continue
        if form.instance.pk is not None or form.has_changed():
            count += 1
    return count


def required_when_published(formset_class, requirement):
    """A subclass of an inline formset class that refuses to leave a published
    parent without rows (`requirement`).

    The formset checks the rows as they will be after the save, so a website
    added in the same request counts and a deleted one does not. The parent's
    status is the one typed in the form: the admin validates the parent form
    (which fills in the instance) before the formsets. When the check fails the
    admin saves nothing and shows the form again with everything typed in it;
    the entry stays as it was (a draft stays a draft).
    """

    class RequiredWhenPublishedFormSet(formset_class):
        def clean(self):
            super().clean()
            if getattr(self.instance, "status", None) != PublicationStatus.PUBLISHED:
                return
            if kept_rows(self) == 0:
                raise ValidationError(
                    _(
                        "Om te publiceren heeft deze %(entry)s minstens %(missing)s nodig. "
                        "Voeg die hier toe, of kies bij ‘publicatiestatus’ voor ‘Concept’: "
                        "een concept mag nog onvolledig zijn."
                    ),
                    code=REQUIRED_FOR_PUBLISHING,
                    params={
                        "entry": self.instance._meta.verbose_name,
                        "missing": requirement.missing,
                    },
                )

    RequiredWhenPublishedFormSet.__name__ = formset_class.__name__
    RequiredWhenPublishedFormSet.__qualname__ = formset_class.__qualname__
    return RequiredWhenPublishedFormSet


# --- Public addresses ----------------------------------------------------------


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


# --- Admin ---------------------------------------------------------------------


def add_actions(model_admin, request, actions, names, permission="change"):
    """Adds the actions `names` (methods of the admin class) to `actions` when the
    user has `permission`. Added in get_actions() rather than through the
    `actions` attribute, which the first class in the MRO that sets it would hide."""
    if getattr(model_admin, f"has_{permission}_permission")(request):
        for name in names:
            func, name, description = model_admin.get_action(name)
            actions[name] = (func, name, description)
    return actions


def admin_change_url(entry):
    opts = entry._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[entry.pk])


class KeepPublicAddressesMixin:
    """Refuses to delete an entry whose address the public has or had.

    Such an entry has no delete button, and the bulk "delete" action refuses a
    selection that holds one, with a message that advises archiving. Subclasses
    say which entries those are (`is_public_address`, `public_entries`).
    """

    deletion_advice = _(
        "Links op papier en op andere sites wijzen naar hun pagina. Archiveer ze in plaats "
        "daarvan met de actie ‘Archiveren’: de pagina zegt dan dat ze niet meer worden "
        "aangeboden en wijst naar alternatieven."
    )

    def is_public_address(self, obj):
        return has_public_address(obj)

    def public_entries(self, queryset):
        return with_public_address(queryset)

    def has_delete_permission(self, request, obj=None):
        allowed = super().has_delete_permission(request, obj)
        if allowed and obj is not None and obj.pk is not None:
            return not self.is_public_address(obj)
        return allowed

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            _func, name, description = actions["delete_selected"]
            actions[name] = (type(self).delete_unless_public, name, description)
        return actions

    def delete_unless_public(self, request, queryset):
        """Django's delete action, unless the selection holds a public entry."""
        public = list(self.public_entries(queryset))
        if public:
            self.message_user(
                request,
                ngettext(
                    "Niets verwijderd: %(entries)s is openbaar of was dat. %(advice)s",
                    "Niets verwijderd: %(entries)s zijn openbaar of waren dat. %(advice)s",
                    len(public),
                )
                % {
                    "entries": get_text_list([str(entry) for entry in public], str(_("en"))),
                    "advice": self.deletion_advice,
                },
                messages.ERROR,
            )
            return None
        return delete_selected(self, request, queryset)


class PublicationActionsMixin(KeepPublicAddressesMixin):
    """Publication in the admin of an entry with a status (programme, route).

    - Actions "Publiceren" (only complete entries; reports per entry what was
      published and what not, and why), "Terugzetten naar concept" and
      "Archiveren". Each entry is saved on its own, so `auto_now` fields are
      updated and the change shows up in the entry's history.
    - The change form refuses to publish an incomplete entry (see
      `required_when_published`) and says at the top what is missing.
    - Next to the status, a link to the page: the public page, or the preview of
      a draft or archived entry.
    - Entries with a public address cannot be deleted (KeepPublicAddressesMixin).
    """

    publication_actions = ("publish", "make_draft", "archive")

    def get_actions(self, request):
        return add_actions(self, request, super().get_actions(request), self.publication_actions)

    def _save_status(self, request, entry, status):
        entry.status = status
        entry.save()
        field_label = str(self.opts.get_field("status").verbose_name)
        self.log_change(request, entry, [{"changed": {"fields": [field_label]}}])

    def _set_status(self, request, queryset, status):
        changed = 0
        for entry in queryset.exclude(status=status):
            self._save_status(request, entry, status)
            changed += 1
        return changed

    @admin.action(description=_("Publiceren"), permissions=["change"])
    def publish(self, request, queryset):
        published, incomplete = [], []
        for entry in queryset.exclude(status=PublicationStatus.PUBLISHED):
            missing = missing_for_publishing(entry)
            if missing:
                incomplete.append((entry, missing))
            else:
                self._save_status(request, entry, PublicationStatus.PUBLISHED)
                published.append(entry)
        if published or not incomplete:
            count = len(published)
            message = ngettext(
                "%(count)d %(items)s is gepubliceerd.",
                "%(count)d %(items)s zijn gepubliceerd.",
                count,
            ) % {"count": count, "items": model_ngettext(self.opts, count)}
            if published:
                message += " " + str(_("Gepubliceerd: %(entries)s.")) % {
                    "entries": "; ".join(str(entry) for entry in published)
                }
            self.message_user(request, message, messages.SUCCESS)
        if incomplete:
            count = len(incomplete)
            message = ngettext(
                "%(count)d %(items)s is niet gepubliceerd, omdat er nog iets ontbreekt: "
                "%(entries)s. Vul dit aan en publiceer opnieuw; tot dan blijft de status "
                "zoals die was.",
                "%(count)d %(items)s zijn niet gepubliceerd, omdat er nog iets ontbreekt: "
                "%(entries)s. Vul dit aan en publiceer opnieuw; tot dan blijft de status "
                "zoals die was.",
                count,
            ) % {
                "count": count,
                "items": model_ngettext(self.opts, count),
                "entries": "; ".join(
                    str(_("%(entry)s mist %(missing)s"))
                    % {"entry": entry, "missing": missing_text(missing)}
                    for entry, missing in incomplete
                ),
            }
            self.message_user(request, message, messages.WARNING)

    @admin.action(description=_("Terugzetten naar concept"), permissions=["change"])
    def make_draft(self, request, queryset):
        count = self._set_status(request, queryset, PublicationStatus.DRAFT)
        message = ngettext(
            "%(count)d %(items)s is teruggezet naar concept en staat niet meer op de site.",
            "%(count)d %(items)s zijn teruggezet naar concept en staan niet meer op de site.",
            count,
        ) % {"count": count, "items": model_ngettext(self.opts, count)}
        self.message_user(request, message, messages.SUCCESS)

    @admin.action(description=_("Archiveren"), permissions=["change"])
    def archive(self, request, queryset):
        count = self._set_status(request, queryset, PublicationStatus.ARCHIVED)
        message = ngettext(
            "%(count)d %(items)s is gearchiveerd. Het adres blijft bestaan: de pagina zegt "
            "nu dat die niet meer wordt aangeboden en wijst naar alternatieven.",
            "%(count)d %(items)s zijn gearchiveerd. De adressen blijven bestaan: de pagina's "
            "zeggen nu dat ze niet meer worden aangeboden en wijzen naar alternatieven.",
            count,
        ) % {"count": count, "items": model_ngettext(self.opts, count)}
        self.message_user(request, message, messages.SUCCESS)

    # The change form ---------------------------------------------------------

    def get_formsets_with_inlines(self, request, obj=None):
        relations = {
            requirement.name: requirement
            for requirement in requirements_for(self.model)
            if not is_foreign_key(self.model, requirement)
        }
        for formset, inline in super().get_formsets_with_inlines(request, obj):
            fk = getattr(formset, "fk", None)
            requirement = fk and relations.get(fk.remote_field.get_accessor_name())
            if requirement:
                formset = required_when_published(formset, requirement)
            yield formset, inline

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """Says at the top of a refused form what publishing still needs."""
        if request.method == "POST":
            missing = [
                error.params["missing"]
                for inline_admin_formset in context.get("inline_admin_formsets", ())
                for error in inline_admin_formset.formset.non_form_errors().as_data()
                if error.code == REQUIRED_FOR_PUBLISHING
            ]
            if missing:
                self.message_user(
                    request,
                    _(
                        "Niet opgeslagen en niet gepubliceerd: er ontbreekt nog %(missing)s. "
                        "Alles wat u heeft ingevuld staat er nog. Vul aan wat ontbreekt, of "
                        "kies de status ‘Concept’ om nu op te slaan zonder te publiceren."
                    )
                    % {"missing": get_text_list([str(m) for m in missing], str(_("en")))},
                    messages.ERROR,
                )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def get_fieldsets(self, request, obj=None):
        """Puts "public_page" right after the status, wherever that is."""
        fieldsets = super().get_fieldsets(request, obj)
        result = []
        for name, options in fieldsets:
            fields = list(options.get("fields", ()))
            if "status" in fields and "public_page" not in fields:
                fields.insert(fields.index("status") + 1, "public_page")
                options = {**options, "fields": fields}
            result.append((name, options))
        return result

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "public_page"]

    @admin.display(description=_("pagina op de site"))
    def public_page(self, obj):
        if obj is None or obj.pk is None:
            return _("Na het opslaan staat hier een link naar de pagina (of het voorbeeld).")
        url = obj.get_absolute_url()
        if obj.status == PublicationStatus.PUBLISHED:
            text = _("Iedereen ziet deze pagina.")
            link = _("Bekijk de pagina")
        elif obj.status == PublicationStatus.ARCHIVED:
            text = _(
                "Gearchiveerd: bezoekers krijgen op dit adres de melding dat dit niet meer "
                "wordt aangeboden, met alternatieven. Alleen redacteuren zien de oude pagina."
            )
            link = _("Bekijk voorbeeld")
        else:
            text = _("Concept: alleen redacteuren zien deze pagina, als voorbeeld.")
            link = _("Bekijk voorbeeld")
        deletion = ""
        if obj.status in PUBLIC_STATUSES or was_ever_published(obj):
            deletion = _(
                " Het adres is openbaar (geweest), dus dit kan niet verwijderd worden: "
                "archiveer het als het niet meer wordt aangeboden."
            )
        return format_html('{} <a href="{}">{}</a>.{}', text, url, link, deletion)


class StepAddressesMixin(KeepPublicAddressesMixin):
    """For the admin of steps and the inline of steps on a route's page: a step
    of a published or archived route cannot be deleted (its page is linked from
    the route and elsewhere). On the inline, `obj` is the route."""

    deletion_advice = _(
        "Ze horen bij een gepubliceerde of gearchiveerde route, en links wijzen naar hun "
        "pagina. Archiveer de hele route als die niet meer wordt aangeboden."
    )

    def is_public_address(self, obj):
        route = obj.pathway if hasattr(obj, "pathway_id") else obj
        return route.status in PUBLIC_STATUSES

    def public_entries(self, queryset):
        return queryset.filter(pathway__status__in=PUBLIC_STATUSES).select_related("pathway")


# --- Public pages ----------------------------------------------------------------


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
