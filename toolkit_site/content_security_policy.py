"""django-csp's middleware, with the Content-Security-Policy header built once per
process instead of for every response.

The one rule: a response or request with a policy of its own (a decorator, a
nonce) still goes the library's way. Why: `CSPMiddleware`'s docstring.
"""

import csp.constants
import csp.middleware
import csp.utils
from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver

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
