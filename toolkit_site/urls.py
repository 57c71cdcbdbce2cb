from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import favicon, health, views
from .robots import RobotsTxtView
from .sitemaps import SITEMAPS

admin.site.site_header = _("Docententoolkit techniek – beheer")
admin.site.site_title = _("Docententoolkit beheer")
admin.site.index_title = _("Inhoud van de toolkit")

# Public addresses are Dutch and stable: they are printed on paper and bookmarked.
urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("opleiden-doe-je-samen/", views.SheetView.as_view(), name="sheet"),
    path("contact/", views.ContactView.as_view(), name="contact"),
    path("toegankelijkheid/", views.AccessibilityView.as_view(), name="accessibility"),
    path("privacy/", views.PrivacyView.as_view(), name="privacy"),
    path("opleidingen/", include("programmes.urls")),
    path("", include("pathways.urls")),
    # "beheer/" unless DJANGO_ADMIN_PATH says otherwise (settings/base.py).
    path(settings.ADMIN_PATH, admin.site.urls),
    path(
        "sitemap.xml",
        sitemap,
        {"sitemaps": SITEMAPS, "template_name": "site/sitemap.xml"},
        name="sitemap",
    ),
    path("robots.txt", RobotsTxtView.as_view(), name="robots_txt"),
    # The icon that browsers fetch without a link to it (toolkit_site/favicon.py).
    path("favicon.ico", favicon.favicon, name="favicon"),
    # For load balancers: 200 when the database answers (toolkit_site/health.py).
    path("healthz", health.healthz, name="healthz"),
]
