"""/healthz: for load balancers and uptime monitors.

200 "ok" when the default database answers `SELECT 1`, 503 when it does not.
Never cached (Cache-Control: no-store; the page cache skips it), no session, no
cookies, not in the sitemap.

ALLOWED_HOSTS applies here as everywhere: the load balancer must send a Host
header that the site accepts (for example the site's own name), or it gets 400.
Behind a TLS proxy with DJANGO_SECURE_SSL_REDIRECT on, a check over plain HTTP
must send X-Forwarded-Proto: https, or the path must be exempt from the redirect
(SECURE_REDIRECT_EXEMPT), or it gets 301.
"""

import logging

from django.db import connection
from django.http import HttpResponse
from django.views.decorators.http import require_safe

logger = logging.getLogger(__name__)


def plain(text, status):
    response = HttpResponse(text, status=status, content_type="text/plain; charset=utf-8")
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def healthz(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure of the database check means: do not send traffic here
        logger.exception("Health check: the database does not answer")
        return plain("database unavailable\n", status=503)
    return plain("ok\n", status=200)
