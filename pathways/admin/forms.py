"""The pathways admin's forms that state the database's rules in words.

So staff see what to fix instead of the name of a violated constraint. Like
`editorial.admin_base.ContactAdminForm` they have no Meta: the admin builds one.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from editorial.admin_base import ContactAdminForm

from ..models import ContactPurpose, OrganisationContact


class OrganisationContactForm(ContactAdminForm):
    def clean_purpose(self):
        purpose = self.cleaned_data["purpose"]
        if purpose != ContactPurpose.OTHER:
            others = OrganisationContact.objects.filter(purpose=purpose).exclude(
                pk=self.instance.pk
            )
            if others.exists():
                raise ValidationError(
                    _(
                        "Er is al een contact met het doel ‘%(purpose)s’ en de site toont er "
                        "maar één. Kies ‘%(other)s’ of pas eerst het andere contact aan."
                    ),
                    code="duplicate_purpose",
                    params={
                        "purpose": ContactPurpose(purpose).label,
                        "other": ContactPurpose.OTHER.label,
                    },
                )
        return purpose


class TransitionForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        to_step = cleaned_data.get("to_step")
        if "from_step" in self.fields:
            from_step = cleaned_data.get("from_step")
            from_step_id = from_step.pk if from_step else None
        else:  # inline on the step's page: the step is the parent
            from_step_id = self.instance.from_step_id
        if to_step is not None and from_step_id is not None and to_step.pk == from_step_id:
            self.add_error("to_step", _("Een stap kan niet naar zichzelf leiden."))
        return cleaned_data


class StepOfferForm(forms.ModelForm):
    def clean(self):
        cleaned_data = super().clean()
        if not cleaned_data.get("institution") and not cleaned_data.get("organisation"):
            self.add_error(
                "institution",
                _("Kies de hogeschool of de organisatie (of allebei) die dit aanbod doet."),
            )
        return cleaned_data
