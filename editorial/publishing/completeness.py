"""What an entry must have before it is published (`publication_requirements` on
the model), checked on the stored rows (the "Publiceren" action, the CSV import)
and on the rows of a change form as they will be after the save."""

from django.core.exceptions import ValidationError
from django.utils.text import get_text_list
from django.utils.translation import gettext_lazy as _

from editorial.status import PublicationStatus

# The code of the error a formset gives when a published entry would lack its rows.
REQUIRED_FOR_PUBLISHING = "required_for_publishing"


def requirements_for(model):
    return getattr(model, "publication_requirements", ())


def is_foreign_key(model, requirement):
    field = model._meta.get_field(requirement.name)
    return field.many_to_one and field.concrete


def missing_for_publishing(entry):
    """What `entry` lacks to be published, as stored now: a list of Requirements
    (empty when complete). One query per relation to count."""
    missing = []
    for requirement in requirements_for(type(entry)):
        if is_foreign_key(type(entry), requirement):
            field = type(entry)._meta.get_field(requirement.name)
            present = getattr(entry, field.attname) is not None
        else:
            present = entry.pk is not None and getattr(entry, requirement.name).exists()
        if not present:
            missing.append(requirement)
    return missing


def missing_text(requirements):
    """ "een website en een contactpersoon" """
    return get_text_list([str(r.missing) for r in requirements], str(_("en")))


def kept_rows(formset):
    """How many rows an inline formset will hold after the save: existing rows
    not marked for deletion, and new rows that were filled in. Usable in the
    formset's own clean(), before is_valid() has finished."""
    count = 0
    for form in formset.forms:
        cleaned_data = getattr(form, "cleaned_data", None) or {}
        if formset.can_delete and cleaned_data.get("DELETE"):
            continue
        if form.instance.pk is not None or form.has_changed():
            count += 1
    return count


def required_when_published(formset_class, requirement):
    """A subclass of an inline formset class that refuses to leave a published
    parent without rows (`requirement`).

    The formset checks the rows as they will be after the save, so a website
    added in the same request counts and a deleted one does not. The parent's
    status is the one typed in the form: the admin validates the parent form
    (which fills in the instance) before the formsets. When the check fails the
    admin saves nothing and shows the form again with everything typed in it;
    the entry stays as it was (a draft stays a draft).
    """

    class RequiredWhenPublishedFormSet(formset_class):
        def clean(self):
            super().clean()
            if getattr(self.instance, "status", None) != PublicationStatus.PUBLISHED:
                return
            if kept_rows(self) == 0:
                raise ValidationError(
                    _(
                        "Om te publiceren heeft deze %(entry)s minstens %(missing)s nodig. "
                        "Voeg die hier toe, of kies bij ‘publicatiestatus’ voor ‘Concept’: "
                        "een concept mag nog onvolledig zijn."
                    ),
                    code=REQUIRED_FOR_PUBLISHING,
                    params={
                        "entry": self.instance._meta.verbose_name,
                        "missing": requirement.missing,
                    },
                )

    RequiredWhenPublishedFormSet.__name__ = formset_class.__name__
    RequiredWhenPublishedFormSet.__qualname__ = formset_class.__qualname__
    return RequiredWhenPublishedFormSet
