from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "editorial"
    verbose_name = _("Redactie")

    def ready(self):
        # Connect the history rules (one version per save, no versions for loaddata)
        # whether or not the admin is loaded, e.g. in management commands.
        from . import versions  # noqa: F401
        from .deletion import name_link_rows

        # "Koppeling tussen …" instead of "Module_learning_forms object (2)".
        name_link_rows()
