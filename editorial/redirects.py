"""Old addresses of programmes, routes and steps keep working: a 404 on an old
address becomes a permanent redirect (301) to the current one.

The one rule: it only looks after the page itself gave a 404 (a view's Http404 in
process_exception, any other 404 on its way out), so a live address always wins
and normal pages cost no extra query; and it only redirects to what the public
may see. The old slugs are kept by editorial.slugs. Why it works this way:
docs/decisions/0003-old-addresses.md.
"""

import functools

from django.apps import apps
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import Resolver404, resolve
from django.utils.cache import patch_cache_control

# A browser keeps a 301 as long as the response allows. If staff change a slug
# back later, the old redirect would point the wrong way, so browsers must ask
# again after a day. Search engines still treat the 301 as permanent.
REDIRECT_MAX_AGE = 60 * 60 * 24


@functools.cache
def target_finders():
    """{URL name: how to find where an old address of that page leads now}, from
    every model with a `redirect_url_name` (the slug histories). Each finder takes
    the URL's keyword arguments and costs a fixed, small number of queries."""
    return {
        model.redirect_url_name: model.objects.redirect_target
        for model in apps.get_models()
        if getattr(model, "redirect_url_name", None)
    }


class OldSlugRedirectMiddleware:
    """Turns a 404 on an old address of a programme, route or step into a 301."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        return self.redirect_for(request) or response

    def process_exception(self, request, exception):
        if isinstance(exception, Http404):
            return self.redirect_for(request)
        return None

    def redirect_for(self, request):
        """A permanent redirect to where an old address leads now, or None.

        Looks once per request: when process_exception found nothing, the 404
        page that follows is not looked up again.
        """
        if request.method not in ("GET", "HEAD") or getattr(request, "_old_slug_checked", False):
            return None
        request._old_slug_checked = True
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
        find_target = target_finders().get(match.view_name)
        if find_target is None:
            return None
        target = find_target(**match.kwargs)
        if target is None:
            return None
        url = target.get_absolute_url()
        if url == request.path:  # never redirect a page to itself
            return None
        query_string = request.META.get("QUERY_STRING", "")
        if query_string:
            url = f"{url}?{query_string}"
        response = HttpResponsePermanentRedirect(url)
        patch_cache_control(response, max_age=REDIRECT_MAX_AGE)
        return response
