from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammesConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "programmes"
    verbose_name = _("Opleidingen")

    def ready(self):
        # Connect the history rules (one version per save, no versions for loaddata)
        # whether or not the admin is loaded, e.g. in management commands.
        from toolkit_site import versions  # noqa: F401
