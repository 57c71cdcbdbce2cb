"""Permissions named in Dutch where staff choose them (a group's or a user's page).

Django stores a permission's name in English when the tables are made ("Can add
opleiding") and never translates it. Shown, the four standard ones now read
"Opleidingen | opleiding | mag toevoegen"; other permissions keep their own name.
One query per kind of entry at most (content types are cached).
"""

from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("mag toevoegen"),
    "change": _("mag wijzigen"),
    "delete": _("mag verwijderen"),
    "view": _("mag bekijken"),
}


def _kind(content_type):
    """ "Opleidingen | opleiding"; for simple-history's versions (named "historical
    opleiding" in English) "Opleidingen | versies van opleiding"."""
    model = content_type.model_class()
    versioned = getattr(model, "instance_type", None)
    if versioned is None:
        return str(content_type)
    opts = versioned._meta
    return _("%(app)s | versies van %(kind)s") % {
        "app": opts.app_config.verbose_name,
        "kind": opts.verbose_name,
    }


def permission_name(permission):
    action, _sep, model_name = permission.codename.partition("_")
    kind = _kind(permission.content_type)
    if action in ACTIONS and model_name == permission.content_type.model:
        return f"{kind} | {ACTIONS[action]}"
    return f"{kind} | {permission.name}"


def name_permissions_in_dutch():
    from django.contrib.auth.models import Permission

    Permission.__str__ = permission_name
