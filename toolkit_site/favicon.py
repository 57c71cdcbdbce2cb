"""/favicon.ico: the site's icon at the address browsers ask for by themselves (the
admin's pages and other files without an icon link), so that never answers 404."""

from functools import cache

from django.conf import settings
from django.http import HttpResponse
from django.views.decorators.http import require_safe

ICON = settings.BASE_DIR / "static" / "favicon.ico"
# A day: the address has no version in it, so a changed icon must show within one.
MAX_AGE = 24 * 60 * 60


@cache
def icon_bytes():
    return ICON.read_bytes()


@require_safe
def favicon(request):
    response = HttpResponse(icon_bytes(), content_type="image/x-icon")
    response["Cache-Control"] = f"public, max-age={MAX_AGE}"
    return response
