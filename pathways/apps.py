from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PathwaysConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "pathways"
    verbose_name = _("Routes en hulpbronnen")
