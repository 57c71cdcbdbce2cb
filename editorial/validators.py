"""Validators for what staff type in the admin."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Digits, spaces, plus, hyphens and parentheses: "038 123 45 67", "+31 (0)38-1234567".
PHONE_NUMBER_RE = re.compile(r"^[0-9 +()\-]+$")


def validate_phone_number(value):
    """Checks a phone number lightly: only the characters a phone number is written
    with, and at least one digit. It does not check that the number exists."""
    if not PHONE_NUMBER_RE.fullmatch(value) or not any(char.isdigit() for char in value):
        raise ValidationError(
            _("Vul een geldig telefoonnummer in, bijvoorbeeld 038 123 45 67."),
            code="invalid_phone_number",
        )
