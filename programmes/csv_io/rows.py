"""How the admin's CSV import reads, checks and saves a row: the behaviour every file
shares (DutchModelResource).

The rule to know: a row is checked like the admin form checks it and saved with
save(), one by one, never in bulk; problems are reported per row and column
(docs/decisions/0025-csv-import-preview-then-save.md).
"""

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields, resources, widgets
from import_export.instance_loaders import ModelInstanceLoader

from .cells import TextWidget
from .file_format import CsvReadError

# django-simple-history shows this as the reason of a change.
CHANGE_REASON = "CSV-import"


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
