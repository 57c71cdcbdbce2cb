"""Inline rows on a change page: every posted row is shown again, and a row
deleted meanwhile comes back when the user chose to keep it."""

import functools


class NoLostEditsFormSetMixin:
    """For an inline formset: shows every posted row again, and adds back a row
    deleted meanwhile when the user chose to keep it.

    The admin pairs the rows of a formset shown again with `get_queryset()`, by
    position. A row deleted meanwhile is missing there, so Django would leave
    out the last row and show the others next to the wrong entries: the message
    about the deleted row would never be seen, and the next save would fail on
    rows missing from the page. Once the forms exist, `get_queryset()` therefore
    answers each posted row's own instance.
    """

    def get_queryset(self):
        if self.is_bound and "forms" in self.__dict__:  # the forms are built
            return [form.instance for form in self.initial_forms]
        return super().get_queryset()

    def save_new_objects(self, commit=True):
        saved = super().save_new_objects(commit)
        for form in self.initial_forms:
            if not form.adds_back_gone_row:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            obj = self.save_new(form, commit=commit)
            self.new_objects.append(obj)
            if not commit:
                self.saved_forms.append(form)
            saved.append(obj)
        return saved


@functools.cache
def with_aligned_rows(formset_class):
    if issubclass(formset_class, NoLostEditsFormSetMixin):
        return formset_class
    return type(formset_class.__name__, (NoLostEditsFormSetMixin, formset_class), {})
