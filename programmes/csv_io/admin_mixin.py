"""The buttons "Importeren" and "Exporteren" (CSV) on a model's admin list.

The rule to know: only a file without errors can be confirmed, and confirming
imports it again in one transaction, so nothing is saved when it now fails
(docs/decisions/0025-csv-import-preview-then-save.md).
"""

from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.forms import ExportForm
from import_export.results import RowResult

from .file_format import CsvReadError, SpreadsheetCSV
from .resources import INFO_SUFFIX


class CsvImportExportMixin(ImportExportMixin):
    """Adds "Importeren" and "Exporteren" (CSV) to a model's admin list.

    Set `resource_classes = [SomeResource]`. Export downloads the listed entries
    (with the list's filters and search) at once; import shows a preview first.
    """

    import_template_name = "admin/programmes/csv_import.html"
    import_error_display = ("message",)
    export_form_class = ExportForm
    skip_export_form = True  # one format, every column: download at once

    @property
    def formats(self):
        return [SpreadsheetCSV]

    def has_import_permission(self, request):
        return self.has_add_permission(request) and self.has_change_permission(request)

    def has_export_permission(self, request):
        return self.has_view_permission(request)

    def get_export_filename(self, request, queryset, file_format):
        date = timezone.localdate().isoformat()
        return f"{slugify(self.opts.verbose_name_plural)}-{date}.{file_format.get_extension()}"

    def add_data_read_fail_error_to_form(self, form, error):
        if isinstance(error, CsvReadError):
            message = str(error)
        else:
            message = _(
                "Dit bestand kon niet gelezen worden. Kies een CSV-bestand, bijvoorbeeld "
                "een bewerkte export."
            )
        form.add_error("import_file", message)

    def get_import_data_kwargs(self, **kwargs):
        # On confirming: if a row fails now, save nothing at all.
        kwargs = super().get_import_data_kwargs(**kwargs)
        kwargs["rollback_on_validation_errors"] = True
        return kwargs

    def process_result(self, result, request):
        if result.has_errors() or result.has_validation_errors():
            messages.error(
                request,
                _(
                    "Er is niets opgeslagen: het bestand geeft nu fouten, misschien omdat "
                    "iemand intussen iets heeft gewijzigd. Laad het bestand opnieuw om de "
                    "fouten te zien."
                ),
            )
            return HttpResponseRedirect(
                reverse(
                    "admin:{}_{}_import".format(*self.get_model_info()),
                    current_app=self.admin_site.name,
                )
            )
        return super().process_result(result, request)

    def generate_log_entries(self, result, request):
        """The admin's log, with a Dutch message (import-export writes an English one)."""
        if self.get_skip_admin_log():
            return
        flags = {RowResult.IMPORT_TYPE_NEW: ADDITION, RowResult.IMPORT_TYPE_UPDATE: CHANGE}
        for import_type, flag in flags.items():
            instances = [
                row.instance for row in result if row.import_type == import_type and row.instance
            ]
            if instances:
                LogEntry.objects.log_actions(
                    request.user.pk,
                    instances,
                    flag,
                    change_message=str(_("Via een CSV-import.")),
                    single_object=len(instances) == 1,
                )

    def add_success_message(self, result, request):
        totals = result.totals
        messages.success(
            request,
            _(
                "Import klaar: %(new)d nieuw, %(changed)d gewijzigd, %(same)d ongewijzigd "
                "(%(items)s)."
            )
            % {
                "new": totals[RowResult.IMPORT_TYPE_NEW],
                "changed": totals[RowResult.IMPORT_TYPE_UPDATE],
                "same": totals[RowResult.IMPORT_TYPE_SKIP],
                "items": self.opts.verbose_name_plural,
            },
        )

    def get_import_context_data(self, **kwargs):
        context = super().get_import_context_data(**kwargs)
        context["info_suffix"] = INFO_SUFFIX.strip()
        return context
