"""The Routewijzer's questionnaire: a plain GET form, so the answers end up in the
address and the advice can be shared, printed and opened again.

The parameter names are Dutch, short and stable, because shared links hold them:
opleiding, ervaring, gedaan (repeated), functie, profiel, uren, plaats, provincie.
Every bad or missing answer gets a Dutch message beside its field; the form keeps
what was typed. Where the school is may be a place name or a province (or both:
then they must agree, and the province tells apart places with the same name).
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from programmes import place_search
from programmes.models import Province, VocationalProfile

from .models import EducationLevel, PriorLearning, Role

# A text field with a numeric keyboard, not type="number" (GOV.UK's advice): it
# keeps whatever was typed, also when that is not a number, to show it back.
NUMBER_WIDGET = forms.TextInput(attrs={"inputmode": "numeric", "class": "input-short"})

# Hours may have a fraction, written the Dutch way (12,5) or with a point (12.5).
HOURS_WIDGET = forms.TextInput(attrs={"inputmode": "decimal", "class": "input-short"})

MAX_EXPERIENCE_YEARS = 60
MAX_HOURS = 40


class HoursField(forms.DecimalField):
    """Hours a week: a whole number or one with a fraction, with a decimal comma or
    point ("12,5", "12.5"). A whole number comes back as an int, so old links
    (uren=12) give the same advice and the page shows "12", not "12,0"."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip()
            if value.count(",") + value.count(".") > 1:
                raise ValidationError(self.error_messages["invalid"], code="invalid")
            value = value.replace(",", ".")
        return super().to_python(value)

    def clean(self, value):
        number = super().clean(value)
        if number is None:
            return None
        return int(number) if number == number.to_integral_value() else number.normalize()


class PriorLearningField(forms.ModelMultipleChoiceField):
    def clean(self, value):
        """As Django does, but a long unknown value is shortened in the message."""
        try:
            return super().clean(value)
        except ValidationError as error:
            for item in error.error_list:
                for key in ("value", "pk"):
                    if item.params and key in item.params:
                        item.params[key] = Truncator(str(item.params[key])).chars(40)
            raise


class RoleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, role):
        return role.routewijzer_label or role.name


class ProfileChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, profile):
        if profile.code in ("", profile.name):
            return profile.name
        return f"{profile.name} ({profile.code})"


class RoutewijzerForm(forms.Form):
    opleiding = forms.ChoiceField(
        label=_("Wat is de hoogste opleiding van de kandidaat?"),
        choices=EducationLevel.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de hoogste opleiding van de kandidaat."),
            "invalid_choice": _("Kies een van de opleidingen uit de lijst."),
        },
    )
    ervaring = forms.IntegerField(
        label=_("Hoeveel jaar werkervaring heeft de kandidaat in een technisch vak?"),
        help_text=_("In hele jaren. Vul 0 in als de kandidaat nog geen werkervaring heeft."),
        min_value=0,
        max_value=MAX_EXPERIENCE_YEARS,
        widget=NUMBER_WIDGET,
        error_messages={
            "required": _("Vul het aantal jaren werkervaring in, bijvoorbeeld 10."),
            "invalid": _("Vul het aantal jaren in als een heel getal, bijvoorbeeld 10."),
            "min_value": _("Het aantal jaren kan niet minder zijn dan 0."),
            "max_value": _("Vul een aantal jaren in van 0 tot en met %(limit_value)s."),
        },
    )
    gedaan = PriorLearningField(
        label=_("Wat heeft de kandidaat al gedaan?"),
        help_text=_("Kies alles wat past. Niets gedaan? Laat alles leeg."),
        queryset=PriorLearning.objects.all(),
        to_field_name="slug",
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("‘%(value)s’ staat niet in de lijst. Kies uit de lijst."),
            "invalid_pk_value": _("‘%(pk)s’ staat niet in de lijst. Kies uit de lijst."),
        },
    )
    functie = RoleChoiceField(
        label=_("Welke functie heeft de school in gedachten?"),
        queryset=Role.objects.filter(in_routewijzer=True),
        to_field_name="slug",
        empty_label=None,
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Kies de functie die de school in gedachten heeft."),
            "invalid_choice": _("Kies een van de functies uit de lijst."),
        },
    )
    profiel = ProfileChoiceField(
        label=_("Voor welk vmbo-profiel?"),
        help_text=_("Het profiel waarin de kandidaat les gaat geven of gaat helpen."),
        queryset=VocationalProfile.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Weet ik nog niet"),
        error_messages={"invalid_choice": _("Kies een van de profielen uit de lijst.")},
    )
    uren = HoursField(
        label=_("Hoeveel uur per week gaat de kandidaat lesgeven of helpen?"),
        help_text=_("Een schatting is goed genoeg. Een half uur mag ook, bijvoorbeeld 12,5."),
        min_value=1,
        max_value=MAX_HOURS,
        decimal_places=2,
        widget=HOURS_WIDGET,
        error_messages={
            "required": _("Vul het aantal uren per week in, bijvoorbeeld 8."),
            "invalid": _("Vul het aantal uren in als een getal, bijvoorbeeld 8 of 12,5."),
            "min_value": _("Vul minstens 1 uur per week in."),
            "max_value": _("Vul een aantal uren in van 1 tot en met %(limit_value)s."),
            "max_decimal_places": _(
                "Vul het aantal uren in met hoogstens twee cijfers na de komma, bijvoorbeeld 12,5."
            ),
        },
    )
    plaats = forms.CharField(
        label=_("In welke plaats staat de school?"),
        help_text=_("Bijvoorbeeld Zwolle. Of kies hieronder alleen de provincie."),
        max_length=100,
        required=False,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "list": "plaatsen", "spellcheck": "false"}
        ),
        error_messages={"max_length": _("Een plaatsnaam is korter dan 100 tekens.")},
    )
    provincie = forms.ChoiceField(
        label=_("In welke provincie staat de school?"),
        choices=[("", _("Kies een provincie")), *Province.choices],
        required=False,
        error_messages={"invalid_choice": _("Kies een van de provincies uit de lijst.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.place = None

    def clean_plaats(self):
        return " ".join(self.cleaned_data["plaats"].split())

    def clean(self):
        cleaned_data = super().clean()
        name = cleaned_data.get("plaats", "")
        province = cleaned_data.get("provincie", "")
        if "plaats" in self.errors or "provincie" in self.errors:
            return cleaned_data
        if not name and not province:
            self.add_error(
                "plaats", _("Vul de plaats in waar de school staat, of kies de provincie.")
            )
            return cleaned_data
        if name:
            self.place = self._find_place(name, province)
        return cleaned_data

    def _find_place(self, name, province):
        """The one place meant, or None with a message beside the right field
        (programmes.place_search.resolve_place, which the directory shares)."""
        resolution = place_search.resolve_place(
            name,
            province,
            unknown_hint=_("Controleer de spelling, of kies alleen de provincie."),
        )
        if resolution.message:
            self.add_error(resolution.field, resolution.message)
        return resolution.place
