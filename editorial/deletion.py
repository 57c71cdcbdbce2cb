"""The delete confirmation in plain words (`PlainDeletionMixin`).

Django lists everything a delete takes with it, including the rows that only
link two entries (a module and its learning forms), as internals such as
"Module_learning_forms object (2)". Here such a row reads as what it is: the
link between two named entries, which goes while both entries stay. Content
admins name them with one query per kind of entry (`PlainDeletionMixin`); every
other link row gets the same name as its text (`name_link_rows()`, at start-up).
"""

from django.apps import apps
from django.contrib.admin.utils import NestedObjects, quote
from django.db import router
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext as _


def is_link_row(model):
    """Whether `model` is the table Django makes for a many-to-many field."""
    return model._meta.auto_created and len(_link_keys(model)) == 2


def _link_keys(model):
    return [field for field in model._meta.fields if field.many_to_one]


def link_row_name(model, left_entry, right_entry):
    left, right = _link_keys(model)
    return _(
        "Koppeling tussen %(kind)s “%(entry)s” en %(other_kind)s “%(other)s” "
        "(alleen de koppeling verdwijnt)"
    ) % {
        "kind": left.related_model._meta.verbose_name,
        "entry": left_entry,
        "other_kind": right.related_model._meta.verbose_name,
        "other": right_entry,
    }


def _link_row_str(row):
    left, right = _link_keys(type(row))
    return link_row_name(type(row), getattr(row, left.name), getattr(row, right.name))


def name_link_rows():
    """Gives the row of every many-to-many table (of every app, Django's own too)
    its name in words instead of "<Table> object (2)"."""
    for model in apps.get_models(include_auto_created=True):
        if is_link_row(model):
            model.__str__ = _link_row_str


class PlainDeletionMixin:
    """For a ModelAdmin: the delete confirmation names link rows in words and
    counts them as "koppelingen"."""

    def get_deleted_objects(self, objs, request):
        try:
            first = objs[0]
        except IndexError:
            return [], {}, set(), []
        collector = NestedObjects(using=router.db_for_write(first._meta.model), origin=objs)
        collector.collect(objs)
        perms_needed = set()
        names = _link_row_names(collector.model_objs)

        def format_callback(obj):
            model = type(obj)
            if model in names:
                return names[model][obj.pk]
            return _entry_line(self.admin_site, request, obj, perms_needed)

        to_delete = collector.nested(format_callback)
        protected = [format_callback(obj) for obj in collector.protected]
        model_count = {}
        for model, rows in collector.model_objs.items():
            label = _("koppelingen") if model in names else model._meta.verbose_name_plural
            model_count[label] = model_count.get(label, 0) + len(rows)
        return to_delete, model_count, perms_needed, protected


def _entry_line(admin_site, request, obj, perms_needed):
    """Django's line for an entry: its kind and name, linked to its page if it has one."""
    opts = obj._meta
    plain = f"{capfirst(opts.verbose_name)}: {obj}"
    if not admin_site.is_registered(type(obj)):
        return plain
    if not admin_site.get_model_admin(type(obj)).has_delete_permission(request, obj):
        perms_needed.add(opts.verbose_name)
    try:
        url = reverse(
            f"{admin_site.name}:{opts.app_label}_{opts.model_name}_change", args=[quote(obj.pk)]
        )
    except NoReverseMatch:
        return plain
    return format_html('{}: <a href="{}">{}</a>', capfirst(opts.verbose_name), url, obj)


def _link_row_names(model_objs):
    """{link model: {pk: its line}}, naming both entries: one query per kind of entry."""
    names = {}
    for model, rows in model_objs.items():
        if not is_link_row(model):
            continue
        left, right = _link_keys(model)
        entries = {
            field: field.related_model._default_manager.in_bulk(
                {getattr(row, field.attname) for row in rows}
            )
            for field in (left, right)
        }
        names[model] = {
            row.pk: link_row_name(
                model,
                entries[left].get(getattr(row, left.attname), "?"),
                entries[right].get(getattr(row, right.attname), "?"),
            )
            for row in rows
        }
    return names
