"""Hooks for django-axes, the admin login throttle (settings in settings/base.py):
`client_ip`, the address a failed login counts against, and `lockout_response`,
the Dutch lock-out page in the admin's own layout.

The one rule: X-Forwarded-For is trusted only as far as DJANGO_TRUSTED_PROXY_COUNT
says. The other security headers come from settings alone, and the
Content-Security-Policy from toolkit_site/content_security_policy.py. Why:
docs/decisions/0033-client-ip-behind-proxies.md.
"""

import ipaddress

from django.conf import settings
from django.contrib import admin
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
