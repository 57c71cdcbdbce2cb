"""The admin side of old addresses (editorial.slugs): an entry's change page lists
its old addresses, and each kind of old address has a list to find or delete one."""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from .admin_base import LIST_PER_PAGE, select_list_related


class OldAddressesForm(forms.ModelForm):
    """Gives the read-only list of old addresses its help text (the admin takes a
    read-only field's help text from the form). No Meta model: the admin adds it."""

    class Meta:
        help_texts = {
            "old_addresses": _(
                "Eerdere adressen van deze pagina. Ze blijven werken: wie zo’n adres opent, "
                "komt vanzelf op het huidige adres. Er komt hier een oud adres bij als de "
                "slug verandert. Moet een oud adres niet meer doorsturen? Open het via de "
                "link en verwijder het. Krijgt een andere pagina dezelfde slug, dan neemt "
                "die het adres vanzelf over."
            )
        }


class OldAddressesMixin:
    """Shows, on an entry's change page, its old addresses as a read-only field
    (add "old_addresses" to the fieldsets). Each links to its own admin page,
    where staff can delete it. Costs one query; `old_addresses_select_related`
    names what an old address needs for its URL (a step's route)."""

    form = OldAddressesForm
    old_addresses_select_related = ()

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "old_addresses"]

    @admin.display(description=_("oude adressen"))
    def old_addresses(self, obj):
        if obj is None or obj.pk is None:
            return _("Nog geen: een nieuwe pagina heeft geen oude adressen.")
        entries = obj.old_slugs.all()
        if self.old_addresses_select_related:  # select_related() without names selects all
            entries = entries.select_related(*self.old_addresses_select_related)
        entries = list(entries)
        if not entries:
            return _("Geen.")
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({})</li>',
                (
                    (
                        reverse(
                            f"admin:{entry._meta.app_label}_{entry._meta.model_name}_change",
                            args=[entry.pk],
                        ),
                        entry.old_address,
                        _("vastgelegd op %(date)s")
                        % {"date": date_format(timezone.localtime(entry.created), "j F Y")},
                    )
                    for entry in entries
                ),
            ),
        )


class OldAddressAdmin(admin.ModelAdmin):
    """The old addresses of one kind of entry, to look one up or delete it.

    Old addresses are recorded when staff change a slug. Adding one by hand is
    possible for an address that was printed before the change was recorded;
    changing one is not: delete it and add another.
    """

    list_display = ["old_address", "created"]
    readonly_fields = ["created"]
    list_per_page = LIST_PER_PAGE

    def has_change_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        return select_list_related(self, super().get_queryset(request))

    @admin.display(description=_("oud adres"), ordering="old_slug")
    def old_address(self, obj):
        return obj.old_address
