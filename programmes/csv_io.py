"""Export programmes and their contact persons to CSV, and import an edited file
back, in the admin (django-import-export).

The file
--------
The same conventions as the public download (/opleidingen/download.csv), from
editorial/spreadsheet.py: UTF-8 with a byte order mark and ``;`` between cells,
so Dutch Excel opens it with a double click; a cell that starts with = + - @, a
tab or a carriage return (a phone number such as +31 38 ...) gets a leading ' on
export, so a spreadsheet does not run it as a formula; the import removes that '
again. Dutch column headings (the fields' names in the admin); dates as
2026-11-24. The import also reads ``,`` between
cells (whatever the first line uses) and a file that Excel saved in its older
Windows encoding instead of UTF-8.

Entries are named, never numbered with database ids:
- a programme by its slug (the column "slug"). A slug cannot be changed by an
  import: a row with a new slug is a new programme (and is refused when the
  hogeschool already has a programme with that name). Change a slug in the admin,
  which keeps the old address working;
- a hogeschool, a qualification ("leidt tot"), vmbo-profielen, study forms and
  exemption methods by their slug; several in one cell are separated by commas;
- a contact person by the programme's slug (column "opleiding") together with the
  person's name. So an import can change a contact's e-mail address, phone number
  or role. A row with a name the programme does not have yet adds a contact; as
  e-mail addresses are unique per programme, a row that only corrects a name's
  spelling is refused (the address is taken) instead of adding a second contact.
  To rename a contact, use the admin.
- Yes/no cells hold "ja", "nee" or nothing (not known); the status holds
  Concept, Gepubliceerd or Gearchiveerd.

Columns marked "(ter info)" are exported for reading only and not imported.
A column left out of the file is left alone; an unknown column is refused, so a
misspelt heading does not silently drop its changes. Locations and sources are
not in the file: edit those in the admin. An import never deletes anything.

The import
----------
Uploading a file shows a preview first: per row whether it is new, changed (with
the changes marked) or unchanged, or what is wrong with it. The preview runs the
whole import in a transaction that is rolled back, so nothing is saved. Only a
file without errors can be confirmed. Each row is checked like the admin form
checks it: the model's own validation (required fields, e-mail addresses, unique
names and addresses, the database's rules) and the light phone-number check.
On confirming, the file is imported again, in one transaction: if it now has an
error (someone changed an entry in between), nothing is saved.

The preview compares the file with the entries as they are now, not as they were
at the export. So when someone changed an entry in the admin after the export, the
preview shows that change being undone (as "Gewijzigd", old value struck through):
staff can see it and export again instead of overwriting a colleague's work.

Each row is saved with save(), one by one, never in bulk, so everything that
hangs on saving works: the change history (django-simple-history, with the
importing staff member as author and "CSV-import" as reason), the old addresses
of a changed slug, the admin's log and the publishing check for a programme that
an import publishes.

Who may: export needs the view permission on the model, import needs add and
change (the Redacteur group has both).
"""

import csv
import datetime
import io
from decimal import Decimal, InvalidOperation

import tablib
from django.contrib import messages
from django.contrib.admin.models import ADDITION, CHANGE, LogEntry
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.admin import ImportExportMixin
from import_export.formats.base_formats import CSV
from import_export.forms import ExportForm
from import_export.instance_loaders import ModelInstanceLoader
from import_export.results import RowResult

from editorial import spreadsheet
from editorial.publishing.completeness import missing_for_publishing, missing_text
from editorial.status import PublicationStatus
from editorial.validators import validate_phone_number

from .models import (
    ExemptionMethod,
    Institution,
    Programme,
    ProgrammeContact,
    Qualification,
    StudyForm,
    VocationalProfile,
)

CHANGE_REASON = "CSV-import"
INFO_SUFFIX = " (ter info)"

# --- The file format -----------------------------------------------------------


class CsvReadError(ValueError):
    """A file that cannot be read as CSV; the message is for staff."""


def decode(data):
    """The text of an uploaded file: UTF-8 (with or without a byte order mark), or
    else Windows-1252, which Excel uses for "CSV (gescheiden door lijstscheidingsteken)"."""
    if isinstance(data, str):
        return data.removeprefix(spreadsheet.BOM)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise CsvReadError(
            _(
                "De tekens in dit bestand zijn niet te lezen. Sla het in Excel op als "
                "‘CSV UTF-8 (gescheiden door komma's)’ en probeer het opnieuw."
            )
        ) from error


class SpreadsheetCSV(CSV):
    """CSV as Dutch Excel reads and writes it (see the module docstring).

    Marked as binary so the admin hands over the uploaded bytes and `decode()`
    can fall back to Excel's Windows encoding.
    """

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def get_title(self):
        return "csv"

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def export_data(self, dataset, **kwargs):
        return spreadsheet.BOM + "".join(spreadsheet.lines([dataset.headers, *dataset]))

    def create_dataset(self, in_stream, **kwargs):
        text = decode(in_stream)
        first_line = text.split("\n", 1)[0]
        delimiter = spreadsheet.DELIMITER
        if delimiter not in first_line and "," in first_line:
            delimiter = ","
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:
            raise CsvReadError(
                _("Dit bestand is geen leesbaar CSV-bestand: %(error)s") % {"error": error}
            ) from error
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if len(rows) < 2:
            raise CsvReadError(
                _("Dit bestand heeft geen rijen om te importeren, alleen een kop of niets.")
            )
        headers = [cell.strip() for cell in rows[0]]
        dataset = tablib.Dataset(headers=headers)
        for number, row in enumerate(rows[1:], start=2):
            row = [spreadsheet.unescape_formula(cell) for cell in row]
            if len(row) > len(headers):
                if any(cell.strip() for cell in row[len(headers) :]):
                    raise CsvReadError(
                        _("Rij %(number)d heeft meer cellen dan de kop kolommen heeft.")
                        % {"number": number}
                    )
                row = row[: len(headers)]
            dataset.append(row + [""] * (len(headers) - len(row)))
        return dataset


# --- Cells ---------------------------------------------------------------------
# Each widget turns a cell into a value and back. A cell that cannot be read
# raises ValueError with a Dutch message; the import shows it at the row and
# column, and saves nothing.


class SlugForeignKeyWidget(widgets.ForeignKeyWidget):
    """A related entry named by its slug."""

    def __init__(self, model, **kwargs):
        super().__init__(model, field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        value = (value or "").strip()
        if not value:
            return None
        try:
            return self.get_queryset(value, row, **kwargs).get(slug=value)
        except self.model.DoesNotExist:
            raise ValueError(
                _("Er is geen %(model)s met de slug ‘%(slug)s’.")
                % {"model": self.model._meta.verbose_name, "slug": value}
            ) from None


class SlugManyToManyWidget(widgets.ManyToManyWidget):
    """Several related entries named by their slugs, separated by commas."""

    def __init__(self, model, **kwargs):
        super().__init__(model, separator=",", field="slug", **kwargs)

    def clean(self, value, row=None, **kwargs):
        slugs = [slug.strip() for slug in str(value or "").split(self.separator) if slug.strip()]
        found = self.model.objects.filter(slug__in=slugs)
        unknown = sorted(set(slugs) - {entry.slug for entry in found})
        if unknown:
            known = ", ".join(self.model.objects.values_list("slug", flat=True))
            raise ValueError(
                _("Onbekend: %(unknown)s. Kies uit: %(known)s.")
                % {"unknown": ", ".join(unknown), "known": known}
            )
        return found

    def render(self, value, obj=None, **kwargs):
        if value is None:
            return ""
        return ", ".join(entry.slug for entry in value.all())


class YesNoWidget(widgets.Widget):
    """ja / nee / empty for "not known"."""

    YES = ("ja", "j", "yes", "true", "waar", "1")
    NO = ("nee", "n", "no", "false", "onwaar", "0")
    UNKNOWN = ("", "niet bekend", "onbekend")

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip().lower()
        if text in self.YES:
            return True
        if text in self.NO:
            return False
        if text in self.UNKNOWN:
            return None
        raise ValueError(_("Vul ‘ja’ of ‘nee’ in, of laat de cel leeg als het niet bekend is."))

    def render(self, value, obj=None, **kwargs):
        return {True: "ja", False: "nee"}.get(value, "")


class StatusWidget(widgets.Widget):
    """The publication status by its Dutch name (Concept, Gepubliceerd, Gearchiveerd)."""

    def clean(self, value, row=None, **kwargs):
        text = str(value or "").strip().lower()
        for status in PublicationStatus:
            if text in (str(status.label).lower(), status.value):
                return status.value
        raise ValueError(
            _("Kies een van: %(choices)s.")
            % {"choices": ", ".join(str(label) for label in PublicationStatus.labels)}
        )

    def render(self, value, obj=None, **kwargs):
        return str(PublicationStatus(value).label) if value else ""


class DutchDateWidget(widgets.Widget):
    """A date as 2026-11-24; also 24-11-2026 and 24/11/2026, as Dutch Excel may save it."""

    FORMATS = ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y")

    def clean(self, value, row=None, **kwargs):
        if isinstance(value, datetime.date):
            return value
        text = str(value or "").strip()
        if not text:
            return None
        for date_format in self.FORMATS:
            try:
                return datetime.datetime.strptime(text, date_format).date()
            except ValueError:
                continue
        raise ValueError(_("Vul een datum in als 2026-11-24, of laat de cel leeg."))

    def render(self, value, obj=None, **kwargs):
        return value.isoformat() if value else ""


class WholeNumberWidget(widgets.Widget):
    """A whole number; empty for none."""

    def clean(self, value, row=None, **kwargs):
        text = str(value if value is not None else "").strip()
        if not text:
            return None
        try:
            number = Decimal(text.replace(",", "."))
        except InvalidOperation:
            number = None
        if number is None or number != number.to_integral_value() or number < 0:
            raise ValueError(_("Vul een heel getal in, of laat de cel leeg."))
        return int(number)

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


class TextWidget(widgets.CharWidget):
    """Text, with spaces around it removed; an empty cell is an empty text."""

    def clean(self, value, row=None, **kwargs):
        return "" if value is None else str(value).strip()

    def render(self, value, obj=None, **kwargs):
        return "" if value is None else str(value)


# --- Shared resource behaviour -------------------------------------------------


def model_field(model, name, widget=None, column_name=None, **kwargs):
    """A resource field for a model field, headed by its Dutch verbose name. An
    empty cell gives the field's default, if it has one (an order of 0)."""
    django_field = model._meta.get_field(name)
    if django_field.has_default() and not django_field.null:
        kwargs.setdefault("default", django_field.default)
    return fields.Field(
        attribute=name,
        column_name=str(column_name or django_field.verbose_name),
        widget=widget or TextWidget(),
        **kwargs,
    )


class ForgivingInstanceLoader(ModelInstanceLoader):
    """Finds the entry a row is about by the import id fields.

    An id cell that names nothing (an unknown programme slug) means a new entry:
    the row then fails on that cell with a clear message, instead of stopping the
    whole import. Two entries with the same id (two contacts with one name) is
    reported at the row.
    """

    def get_instance(self, row):
        try:
            return super().get_instance(row)
        except ValueError:
            return None
        except self.resource._meta.model.MultipleObjectsReturned:
            raise ValidationError(
                _(
                    "Deze rij past bij meer dan één %(model)s. "
                    "Pas deze in het beheer aan in plaats van met een import."
                )
                % {"model": self.resource._meta.model._meta.verbose_name}
            ) from None


class DutchModelResource(resources.ModelResource):
    """Saves row by row through save() and reports problems per row, by column."""

    def column_names(self):
        """The column of each model field the file can change."""
        return {
            field.attribute: field.column_name
            for field in self.fields.values()
            if not field.readonly
        }

    def before_import(self, dataset, **kwargs):
        """Refuses a file without the id columns or with a column we do not know."""
        known = {field.column_name for field in self.fields.values()}
        headers = [header for header in dataset.headers if header]
        missing = [
            self.fields[name].column_name
            for name in self.get_import_id_fields()
            if self.fields[name].column_name not in headers
        ]
        unknown = [header for header in headers if header not in known]
        problems = []
        if missing:
            problems.append(
                _("Het bestand mist de kolom(men) %(columns)s.")
                % {"columns": ", ".join(f"‘{c}’" for c in missing)}
            )
        if unknown:
            problems.append(
                _("Onbekende kolom(men): %(columns)s.")
                % {"columns": ", ".join(f"‘{c}’" for c in unknown)}
            )
        if problems:
            known = ", ".join(field.column_name for field in self.get_import_fields())
            advice = _(
                "Gebruik een export als basis en laat de kop (de eerste rij) zoals die is. "
                "Bekende kolommen: %(known)s."
            ) % {"known": known}
            raise CsvReadError(" ".join(str(problem) for problem in [*problems, advice]))

    def import_instance(self, instance, row, **kwargs):
        """Reads every cell, also the many-to-many ones (import-export reads those
        only while saving), so all problems of a row show in the preview."""
        errors = {}
        try:
            super().import_instance(instance, row, **kwargs)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for field in self.get_import_fields():
            if isinstance(field.widget, widgets.ManyToManyWidget) and field.column_name in row:
                try:
                    field.clean(row)
                except ValueError as error:
                    errors[field.attribute] = [ValidationError(str(error), code="invalid")]
        if errors:
            raise ValidationError(errors)

    def extra_validation(self, instance, errors):
        """Checks beyond the model's own; returns `errors` with any problems added."""
        return errors

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        try:
            super().validate_instance(instance, errors, validate_unique=validate_unique)
        except ValidationError as error:
            errors = error.update_error_dict({})
        errors = self.extra_validation(instance, errors)
        if errors:
            names = self.column_names()
            raise ValidationError(
                {
                    key if key == NON_FIELD_ERRORS else names.get(key, key): value
                    for key, value in errors.items()
                }
            )

    def before_save_instance(self, instance, row, **kwargs):
        # django-simple-history shows this as the reason of the change.
        instance._change_reason = CHANGE_REASON

    class Meta:
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_bulk = False
        use_transactions = True
        instance_loader_class = ForgivingInstanceLoader


# --- Programmes ----------------------------------------------------------------


def publishing_problems(programme):
    """What keeps `programme` from being published, as Dutch messages: the same
    check as the admin's (editorial/publishing.py), so an import cannot publish
    what the admin would refuse to publish."""
    missing = missing_for_publishing(programme)
    if not missing:
        return []
    return [
        _(
            "Publiceren kan nog niet: er ontbreekt nog %(missing)s. Vul dit eerst aan in "
            "het beheer, of zet de status in het bestand terug."
        )
        % {"missing": missing_text(missing)}
    ]


class ProgrammeResource(DutchModelResource):
    slug = model_field(Programme, "slug")
    name = model_field(Programme, "name")
    institution = model_field(Programme, "institution", SlugForeignKeyWidget(Institution))
    status = model_field(Programme, "status", StatusWidget())
    qualification = model_field(Programme, "qualification", SlugForeignKeyWidget(Qualification))
    degree = model_field(Programme, "degree")
    profiles = model_field(Programme, "profiles", SlugManyToManyWidget(VocationalProfile))
    study_forms = model_field(Programme, "study_forms", SlugManyToManyWidget(StudyForm))
    summary = model_field(Programme, "summary")
    details = model_field(Programme, "details")
    total_ec = model_field(Programme, "total_ec", WholeNumberWidget())
    duration = model_field(Programme, "duration")
    entry_requirements = model_field(Programme, "entry_requirements")
    exemptions_possible = model_field(Programme, "exemptions_possible", YesNoWidget())
    exemption_methods = model_field(
        Programme, "exemption_methods", SlugManyToManyWidget(ExemptionMethod)
    )
    exemption_notes = model_field(Programme, "exemption_notes")
    employer_role = model_field(Programme, "employer_role")
    ecpb_member = model_field(Programme, "ecpb_member", YesNoWidget())
    checked_on = model_field(Programme, "checked_on", DutchDateWidget())

    class Meta(DutchModelResource.Meta):
        model = Programme
        name = _("Opleidingen")
        import_id_fields = ["slug"]
        fields = [
            "slug",
            "name",
            "institution",
            "status",
            "qualification",
            "degree",
            "profiles",
            "study_forms",
            "summary",
            "details",
            "total_ec",
            "duration",
            "entry_requirements",
            "exemptions_possible",
            "exemption_methods",
            "exemption_notes",
            "employer_role",
            "ecpb_member",
            "checked_on",
        ]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("institution", "qualification").prefetch_related(
            "profiles", "study_forms", "exemption_methods"
        )

    def after_init_instance(self, instance, new, row, **kwargs):
        # The status as stored, to see whether this row publishes the programme.
        instance._stored_status = None if new else instance.status

    def extra_validation(self, instance, errors):
        publishes = instance.status == PublicationStatus.PUBLISHED and (
            getattr(instance, "_stored_status", None) != PublicationStatus.PUBLISHED
        )
        if publishes and not errors:
            problems = publishing_problems(instance)
            if problems:
                errors = {**errors, "status": [ValidationError(p) for p in problems]}
        return errors


# --- Contact persons -----------------------------------------------------------


class ProgrammeContactResource(DutchModelResource):
    programme = model_field(ProgrammeContact, "programme", SlugForeignKeyWidget(Programme))
    programme_info = fields.Field(
        attribute="programme",
        column_name=str(_("opleiding")) + INFO_SUFFIX,
        readonly=True,
        widget=TextWidget(),
    )
    name = model_field(ProgrammeContact, "name")
    email = model_field(ProgrammeContact, "email")
    phone = model_field(ProgrammeContact, "phone")
    role = model_field(ProgrammeContact, "role")
    order = model_field(ProgrammeContact, "order", WholeNumberWidget())
    checked_on = model_field(ProgrammeContact, "checked_on", DutchDateWidget())

    class Meta(DutchModelResource.Meta):
        model = ProgrammeContact
        name = _("Contactpersonen")
        import_id_fields = ["programme", "name"]
        fields = [
            "programme",
            "programme_info",
            "name",
            "email",
            "phone",
            "role",
            "order",
            "checked_on",
        ]

    def filter_export(self, queryset, **kwargs):
        return queryset.select_related("programme__institution")

    def extra_validation(self, instance, errors):
        """The phone check of the admin's contact form (the model has none)."""
        if instance.phone and "phone" not in errors:
            try:
                validate_phone_number(instance.phone)
            except ValidationError as error:
                errors = {**errors, "phone": error.error_list}
        return errors


# --- The admin -------------------------------------------------------------------


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
