from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from . import views

admin.site.site_header = _("Docententoolkit techniek – beheer")
admin.site.site_title = _("Docententoolkit beheer")
admin.site.index_title = _("Inhoud van de toolkit")

urlpatterns = [
    path("", views.HomeView.as_view(), name="home"),
    path("opleidingen/", include("programmes.urls")),
    path("", include("pathways.urls")),
    path("beheer/", admin.site.urls),
]
