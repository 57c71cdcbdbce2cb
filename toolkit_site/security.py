"""Hooks for django-axes, the admin login throttle (settings in settings/base.py).

- `client_ip`: the address a failed login is counted against. Behind our own
  proxies (nginx, a load balancer) every request comes from the proxy, so the
  real client is in X-Forwarded-For. That header is only trusted as far as
  DJANGO_TRUSTED_PROXY_COUNT says: each proxy appends the address it saw, so the
  client is the entry that many places from the right. Entries further left come
  from the client itself and could be anything.
- `lockout_response`: the Dutch page a locked-out staff member sees, in the
  admin's own layout, instead of axes' one-line English default.

The other security headers come from settings alone: SecurityMiddleware (HSTS,
nosniff, Referrer-Policy, Cross-Origin-Opener-Policy), django-csp
(Content-Security-Policy), django-permissions-policy (Permissions-Policy) and
XFrameOptionsMiddleware (X-Frame-Options).

- `CSPMiddleware`: django-csp's middleware, with the header built once.
"""

import ipaddress

import csp.constants
import csp.middleware
import csp.utils
from django.conf import settings
from django.contrib import admin
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.shortcuts import render

LOCKOUT_TEMPLATE = "admin/lockout.html"


def _valid_ip(value):
    try:
        return str(ipaddress.ip_address(value.strip()))
    except ValueError:
        return None


def client_ip(request):
    """The client's IP address, as far as the configured proxies can be trusted."""
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [
        part for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if len(forwarded) < proxies:
        # Fewer entries than proxies: the request skipped a proxy, or none sent
        # the header. The direct peer is then all we know for certain.
        return remote_addr
    return _valid_ip(forwarded[-proxies]) or remote_addr


def _duration(delta):
    """A cool-off time in plain Dutch: "1 uur", "2 uur", "30 minuten"."""
    minutes = round(delta.total_seconds() / 60)
    if minutes and minutes % 60 == 0:
        return f"{minutes // 60} uur"
    return f"{minutes} minuut" if minutes == 1 else f"{minutes} minuten"


def lockout_response(request, original_response=None, credentials=None):
    """The lock-out page: what happened, how long it lasts, and who can help."""
    context = {
        **admin.site.each_context(request),
        "title": "Inloggen tijdelijk geblokkeerd",
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cooloff": _duration(settings.AXES_COOLOFF_TIME),
    }
    # render(), not a TemplateResponse: this response comes from AxesMiddleware, after
    # the point where Django renders a view's template responses.
    status = getattr(settings, "AXES_HTTP_RESPONSE_CODE", 429)
    return render(request, LOCKOUT_TEMPLATE, context, status=status)


# Content-Security-Policy -------------------------------------------------------

_policies = {}  # report_only (bool) -> the header value built from the settings


@receiver(setting_changed)
def _forget_policies(*, setting, **kwargs):
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _policies.clear()


class CSPMiddleware(csp.middleware.CSPMiddleware):
    """django-csp's middleware, building the policy from the settings once.

    The library builds the header again for every response (copying the settings,
    a dataclass to a dict, sorting), which costs about a quarter of the time of a
    page from the page cache. Our pages use no nonces and no per-view policy
    decorators, so the header is the same for every response: it is built once
    per process (again when the settings change, in tests). A response or request
    that does have its own parts (a decorator, a nonce) goes the library's way.
    """

    def process_response(self, request, response):
        if settings.DEBUG or _has_own_policy(request, response):
            return super().process_response(request, response)
        for report_only, header, exempt in (
            (False, csp.constants.HEADER, "_csp_exempt"),
            (True, csp.constants.HEADER_REPORT_ONLY, "_csp_exempt_ro"),
        ):
            policy = _policies.get(report_only)
            if policy is None:
                policy = _policies[report_only] = csp.utils.build_policy(report_only=report_only)
            if policy and header not in response and not getattr(response, exempt, False):
                name = "CONTENT_SECURITY_POLICY" + ("_REPORT_ONLY" if report_only else "")
                prefixes = (getattr(settings, name, None) or {}).get("EXCLUDE_URL_PREFIXES")
                if not (prefixes and request.path_info.startswith(tuple(prefixes))):
                    response[header] = policy
        # As the library does: a nonce asked for after this point raises an error.
        request.csp_nonce = csp.middleware.CheckableLazyObject(self._csp_nonce_post_response)
        return response


_OWN_POLICY_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)


def _has_own_policy(request, response):
    return getattr(request, "_csp_nonce", None) is not None or any(
        getattr(response, name, None) is not None for name in _OWN_POLICY_ATTRIBUTES
    )
