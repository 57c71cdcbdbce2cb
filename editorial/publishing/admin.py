"""Publication in the admin: the actions "Publiceren", "Terugzetten naar concept"
and "Archiveren", the completeness check in the change form, the link to the
page, and no deleting of an entry whose address the public has or had."""

from django.contrib import admin, messages
from django.contrib.admin.actions import delete_selected
from django.contrib.admin.utils import model_ngettext
from django.utils.html import format_html
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editorial.action_messages import entry_names, report_unchanged
from editorial.status import PUBLIC_STATUSES, PublicationStatus

from .addresses import has_public_address, was_ever_published, with_public_address
from .completeness import (
    REQUIRED_FOR_PUBLISHING,
    is_foreign_key,
    missing_for_publishing,
    missing_text,
    required_when_published,
    requirements_for,
)


def add_actions(model_admin, request, actions, names, permission="change"):
    """Adds the actions `names` (methods of the admin class) to `actions` when the
    user has `permission`. Added in get_actions() rather than through the
    `actions` attribute, which the first class in the MRO that sets it would hide."""
    if getattr(model_admin, f"has_{permission}_permission")(request):
        for name in names:
            func, name, description = model_admin.get_action(name)
            actions[name] = (func, name, description)
    return actions


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
      "Archiveren"; each names the entries that already had that status. Each
      entry is saved on its own, so `auto_now` fields are updated and the change
      shows up in the entry's history.
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
        """Saves `status` on the selected entries that do not have it yet. Returns
        (the entries changed, the entries that already had it)."""
        changed, already = [], []
        for entry in queryset:
            if entry.status == status:
                already.append(entry)
            else:
                self._save_status(request, entry, status)
                changed.append(entry)
        return changed, already

    @admin.action(description=_("Publiceren"), permissions=["change"])
    def publish(self, request, queryset):
        published, incomplete, already = [], [], []
        for entry in queryset:
            if entry.status == PublicationStatus.PUBLISHED:
                already.append(entry)
                continue
            missing = missing_for_publishing(entry)
            if missing:
                incomplete.append((entry, missing))
            else:
                self._save_status(request, entry, PublicationStatus.PUBLISHED)
                published.append(entry)
        if published:
            count = len(published)
            message = ngettext(
                "%(count)d %(items)s is gepubliceerd.",
                "%(count)d %(items)s zijn gepubliceerd.",
                count,
            ) % {"count": count, "items": model_ngettext(self.opts, count)}
            message += " " + str(_("Gepubliceerd: %(entries)s.")) % {
                "entries": entry_names(published)
            }
            self.message_user(request, message, messages.SUCCESS)
        report_unchanged(
            self,
            request,
            already,
            _("%(entries)s was al gepubliceerd. Er is niets veranderd."),
            _("%(count)d %(items)s waren al gepubliceerd: %(entries)s. Daar is niets veranderd."),
        )
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
        changed, already = self._set_status(request, queryset, PublicationStatus.DRAFT)
        if changed:
            count = len(changed)
            message = ngettext(
                "%(count)d %(items)s is teruggezet naar concept en staat niet meer op de site.",
                "%(count)d %(items)s zijn teruggezet naar concept en staan niet meer op de site.",
                count,
            ) % {"count": count, "items": model_ngettext(self.opts, count)}
            self.message_user(request, message, messages.SUCCESS)
        report_unchanged(
            self,
            request,
            already,
            _("%(entries)s was al een concept. Er is niets veranderd."),
            _("%(count)d %(items)s waren al een concept: %(entries)s. Daar is niets veranderd."),
        )

    @admin.action(description=_("Archiveren"), permissions=["change"])
    def archive(self, request, queryset):
        changed, already = self._set_status(request, queryset, PublicationStatus.ARCHIVED)
        if changed:
            count = len(changed)
            message = ngettext(
                "%(count)d %(items)s is gearchiveerd. Het adres blijft bestaan: de pagina zegt "
                "nu dat die niet meer wordt aangeboden en wijst naar alternatieven.",
                "%(count)d %(items)s zijn gearchiveerd. De adressen blijven bestaan: de pagina's "
                "zeggen nu dat ze niet meer worden aangeboden en wijzen naar alternatieven.",
                count,
            ) % {"count": count, "items": model_ngettext(self.opts, count)}
            self.message_user(request, message, messages.SUCCESS)
        report_unchanged(
            self,
            request,
            already,
            _("%(entries)s was al gearchiveerd. Er is niets veranderd."),
            _("%(count)d %(items)s waren al gearchiveerd: %(entries)s. Daar is niets veranderd."),
        )

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
        """Says at the top of a refused form what publishing still needs, and on a
        published entry that saving puts it online at once."""
        if obj is not None and obj.pk is not None and obj.status == PublicationStatus.PUBLISHED:
            context["publication_note"] = _(
                "Let op: %(entry)s staat op de site. Wat u opslaat, ziet iedereen meteen."
            ) % {"entry": _this(self.opts)}
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


def _this(opts):
    """ "deze opleiding", "deze route": how the note names the entry."""
    return _("deze %(kind)s") % {"kind": opts.verbose_name}


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

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        """On a step of a published route: saving puts it online at once."""
        published = obj is not None and obj.pk is not None
        if published and obj.pathway.status == PublicationStatus.PUBLISHED:
            context["publication_note"] = _(
                "Let op: deze stap hoort bij een gepubliceerde route en staat op de site. "
                "Wat u opslaat, ziet iedereen meteen."
            )
        return super().render_change_form(request, context, add, change, form_url, obj)

    def public_entries(self, queryset):
        return queryset.filter(pathway__status__in=PUBLIC_STATUSES).select_related("pathway")
