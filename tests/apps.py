"""The models our apps define themselves, without the history tables that
django-simple-history adds beside each of them."""

from django.apps import apps

OUR_APPS = ("programmes", "pathways")


def is_history_model(model):
    return model._meta.object_name.startswith("Historical")


def own_models(*app_labels):
    for app_label in app_labels or OUR_APPS:
        for model in apps.get_app_config(app_label).get_models():
            if not is_history_model(model):
                yield model
