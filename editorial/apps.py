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
        from .permission_names import name_permissions_in_dutch

        # "Koppeling tussen …" instead of "Module_learning_forms object (2)", and
        # "… | mag toevoegen" instead of "Can add …".
        name_link_rows()
        name_permissions_in_dutch()
