"""Which addresses `check_links` checks, and storing what it found: one
`LinkCheck` row per address."""

from django.apps import apps

from editorial.models import LinkCheck


def linked_fields():
    """Every (model, field name) that holds an address the site shows: each model
    names its own in `linked_url_fields`. Entries of every status count: a draft may
    be published tomorrow, and an archived programme's page still shows its website."""
    return [
        (model, field)
        for model in apps.get_models()
        for field in getattr(model, "linked_url_fields", ())
    ]


def collect_urls():
    """Every address that an entry links to, each once, sorted. Empty fields are skipped."""
    urls = set()
    for model, field in linked_fields():
        manager = model._default_manager
        urls.update(manager.exclude(**{field: ""}).values_list(field, flat=True).distinct())
    return sorted(urls)


def urls_to_check(urls, *, only_broken=False, checked_before=None):
    """Of `urls` (from `collect_urls()`), those a run of `check_links` checks: all,
    or only those that did not work last time (`only_broken`), or only those never
    checked or checked before a moment (`checked_before`). Both options: both hold."""
    if only_broken:
        broken = set(LinkCheck.objects.broken().values_list("url", flat=True))
        urls = [url for url in urls if url in broken]
    if checked_before is not None:
        recent = set(
            LinkCheck.objects.filter(checked_at__gte=checked_before).values_list("url", flat=True)
        )
        urls = [url for url in urls if url not in recent]
    return urls


def unused_results_count(urls):
    """How many stored results belong to addresses no entry links to any more.

    They are not deleted: that is for staff to decide, in the admin."""
    in_use = set(urls)
    return sum(1 for url in LinkCheck.objects.values_list("url", flat=True) if url not in in_use)


def _fit(model_field, value):
    return value[: LinkCheck._meta.get_field(model_field).max_length]


def record_result(result, checked_at):
    """Stores a result: one row per address, updated on every check."""
    check, _created = LinkCheck.objects.update_or_create(
        url=result.url,
        defaults={
            "ok": result.ok,
            "status_code": result.status_code,
            "final_url": _fit("final_url", result.final_url),
            "redirected": result.redirected,
            "error": _fit("error", result.error),
            "checked_at": checked_at,
        },
    )
    return check
