"""The two CSV files of the admin: programmes, and their contact persons.

Each resource lists its columns (headed by the fields' Dutch names) and how an
entry is found: a programme by its slug, a contact person by the programme's slug
and the person's name (docs/decisions/0024-csv-import-names-entries.md). The rule to
know: an import cannot publish what the admin would refuse to publish.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from import_export import fields

from editorial.publishing.completeness import missing_for_publishing, missing_text
from editorial.status import PublicationStatus
from editorial.validators import validate_phone_number

from ..models import (
    ExemptionMethod,
    Institution,
    Programme,
    ProgrammeContact,
    Qualification,
    StudyForm,
    VocationalProfile,
)
from .cells import (
    DutchDateWidget,
    RequiredYesNoWidget,
    SlugForeignKeyWidget,
    SlugManyToManyWidget,
    StatusWidget,
    TextWidget,
    WholeNumberWidget,
    YesNoWidget,
)
from .rows import DutchModelResource, model_field

# A column with this after its heading is exported for reading only, not imported.
INFO_SUFFIX = " (ter info)"

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
    croho_code = model_field(Programme, "croho_code")
    on_sheet = model_field(Programme, "on_sheet", RequiredYesNoWidget())
    profiles = model_field(Programme, "profiles", SlugManyToManyWidget(VocationalProfile))
    study_forms = model_field(Programme, "study_forms", SlugManyToManyWidget(StudyForm))
    summary = model_field(Programme, "summary")
    details = model_field(Programme, "details")
    total_ec = model_field(Programme, "total_ec", WholeNumberWidget())
    duration_min_months = model_field(Programme, "duration_min_months", WholeNumberWidget())
    duration_max_months = model_field(Programme, "duration_max_months", WholeNumberWidget())
    duration = model_field(Programme, "duration")
    study_advice_binding = model_field(Programme, "study_advice_binding", YesNoWidget())
    study_advice_min_ec = model_field(Programme, "study_advice_min_ec", WholeNumberWidget())
    modules_complete = model_field(Programme, "modules_complete", RequiredYesNoWidget())
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
            "croho_code",
            "on_sheet",
            "profiles",
            "study_forms",
            "summary",
            "details",
            "total_ec",
            "duration_min_months",
            "duration_max_months",
            "duration",
            "study_advice_binding",
            "study_advice_min_ec",
            "modules_complete",
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
