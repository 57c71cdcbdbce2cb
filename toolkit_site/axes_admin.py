"""django-axes (the login lock-out) in Dutch in the admin.

axes has no Dutch translation: locale/nl/LC_MESSAGES/django.po translates its
labels. What no translation reaches is done here, when the app is ready: the
section's name, the names of its entries (an f-string in axes), two column
titles and the message of its clean-up action.
Why: docs/decisions/0041-admin-layout-history-and-dutch.md.
"""

from axes.apps import AppConfig as AxesAppConfig
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _


def _when(moment):
    return date_format(timezone.localtime(moment), "DATETIME_FORMAT") if moment else "?"


def _attempt_name(attempt):
    return gettext("Inlogpoging van %(username)s, %(when)s") % {
        "username": attempt.username or "?",
        "when": _when(attempt.attempt_time),
    }


def _failure_name(failure):
    return gettext("Mislukte inlogpoging van %(username)s, %(when)s") % {
        "username": failure.username or "?",
        "when": _when(failure.attempt_time),
    }


def _log_name(log):
    return gettext("Aanmelding van %(username)s, %(when)s") % {
        "username": log.username or "?",
        "when": _when(log.attempt_time),
    }


class AxesConfig(AxesAppConfig):
    """axes, under a Dutch name, with Dutch names for its entries and admin pages."""

    verbose_name = _("Inlogbeveiliging")

    def ready(self):
        super().ready()
        from axes.models import AccessAttempt, AccessFailureLog, AccessLog

        AccessAttempt.__str__ = _attempt_name
        AccessFailureLog.__str__ = _failure_name
        AccessLog.__str__ = _log_name
        _register_dutch_admins()


def _register_dutch_admins():
    """Replaces axes' admin of login attempts by one with Dutch column titles and
    a Dutch message for its clean-up action."""
    from axes.admin import AccessAttemptAdmin
    from axes.models import AccessAttempt
    from django.contrib import admin, messages
    from django.utils.translation import ngettext

    if not admin.site.is_registered(AccessAttempt):
        return  # AXES_ENABLE_ADMIN is off

    class DutchAccessAttemptAdmin(AccessAttemptAdmin):
        @admin.display(description=_("verloopt op"))
        def expiration(self, obj):
            return super().expiration(obj)

        @admin.display(description=_("status"))
        def status(self, obj):
            return super().status(obj)

        @admin.action(description=_("Verlopen inlogpogingen opruimen"))
        def cleanup_expired_attempts(self, request, queryset):
            # axes sets this on login requests only, and needs it here too ("now").
            if not hasattr(request, "axes_attempt_time"):
                request.axes_attempt_time = None
            count = self.handler.clean_expired_user_attempts(request=request)
            self.message_user(
                request,
                ngettext(
                    "%(count)d verlopen inlogpoging opgeruimd.",
                    "%(count)d verlopen inlogpogingen opgeruimd.",
                    count,
                )
                % {"count": count},
                messages.SUCCESS,
            )

    admin.site.unregister(AccessAttempt)
    admin.site.register(AccessAttempt, DutchAccessAttemptAdmin)
