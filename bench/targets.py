"""The benchmark's targets: whether the results meet them, and the failures that make
`make bench` exit non-zero (errors in the load run, a page that gave a server error)."""

from bench.formatting import LABELS, ms, percent, short, size_name

SEED_MEDIAN_MS = 15
LARGE_MEDIAN_MS = 60
LARGE_SIZE = "5000"
RATIO_TARGET = 0.70
RATIO_TITLE = "Een pagina uit de cache haalt minstens 70% van de doorvoer van het statische bestand"


def evaluate(results):
    """Per target: (title, met, explanation lines)."""
    sizes = results["sizes"]
    targets = []

    grown, seed_only = [], []
    page_keys = list(dict.fromkeys(key for data in sizes.values() for key in data["pages"]))
    generated_sizes = [size for size in sizes if size != "seed"]
    for key in page_keys:
        for variant in ("uncached", "cached"):
            counts = {
                size: (data["pages"].get(key, {}).get(variant) or {}).get("queries")
                for size, data in sizes.items()
            }
            counts = {size: count for size, count in counts.items() if count is not None}
            if len(set(counts.values())) < 2:
                continue
            shown = ", ".join(f"{short(size)}: {count}" for size, count in counts.items())
            label = "met cache" if variant == "cached" else "zonder cache"
            line = f"{LABELS.get(key, key)} ({label}): {shown}"
            generated = {counts[size] for size in generated_sizes if size in counts}
            if len(generated) > 1 or len(generated_sizes) < 2:
                grown.append(line)
            else:
                seed_only.append(line + " (alleen de startinhoud wijkt af)")
    targets.append(
        (
            "Het aantal queries per pagina groeit niet met de hoeveelheid gegevens "
            "(gelijk bij 500 en 5.000 opleidingen)",
            not grown and len(generated_sizes) > 1,
            grown + seed_only or ([] if len(generated_sizes) > 1 else ["Te weinig groottes."]),
        )
    )

    for size, limit in (("seed", SEED_MEDIAN_MS), (LARGE_SIZE, LARGE_MEDIAN_MS)):
        if size not in sizes:
            targets.append(
                (
                    f"Mediaan servertijd onder {limit} ms bij {size_name(size)}",
                    False,
                    ["Niet gemeten."],
                )
            )
            continue
        slow = []
        slow_cached = []
        for key, page in sizes[size]["pages"].items():
            if page["uncached"]["median_ms"] >= limit:
                slow.append(
                    f"{LABELS.get(key, key)}: mediaan {ms(page['uncached']['median_ms'])} ms "
                    f"zonder cache"
                )
            if page.get("cached") and page["cached"]["median_ms"] >= limit:
                slow_cached.append(
                    f"{LABELS.get(key, key)}: mediaan {ms(page['cached']['median_ms'])} ms "
                    "met cache"
                )
        targets.append(
            (
                f"Mediaan servertijd onder {limit} ms bij {size_name(size)} (zonder cache)",
                not slow,
                slow,
            )
        )
        if sizes[size].get("page_cache"):
            targets.append(
                (
                    f"Mediaan servertijd onder {limit} ms bij {size_name(size)} (met cache)",
                    not slow_cached,
                    slow_cached,
                )
            )

    load = results.get("load") or {}
    throughput = load.get("throughput", {})
    variant = "cached" if "cached" in throughput else None
    if variant:
        low = [
            f"{LABELS.get(key, key)}: {percent(data['ratio'])}"
            for key, data in throughput[variant].items()
            if key != "static" and data["ratio"] < RATIO_TARGET
        ]
        targets.append(
            (
                RATIO_TITLE,
                not low,
                low,
            )
        )
    else:
        targets.append(
            (
                RATIO_TITLE,
                False,
                ["De site had bij deze meting geen paginacache."],
            )
        )

    run = load.get("load_run")
    if run:
        lines = []
        if run["error_total"]:
            lines.append(f"Fouten: {run['errors']}.")
        if not run["server_alive"]:
            lines.append("gunicorn draaide na de test niet meer.")
        lines += [f"Foutmelding van gunicorn: `{line}`" for line in run["log_errors"]]
        title = (
            f"Nul fouten in {run['seconds']} seconden belasting met "
            f"{run['connections']} gelijktijdige verbindingen"
        )
        targets.append(
            (
                title,
                run["ok"] and run["seconds"] >= 60,
                lines
                or ([] if run["seconds"] >= 60 else ["Korte meting: het doel vraagt 60 seconden."]),
            )
        )
    return targets


def failures(results):
    """What makes the bench exit non-zero."""
    found = []
    for size, data in results["sizes"].items():
        for key, page in data["pages"].items():
            for variant in ("uncached", "cached"):
                status = (page.get(variant) or {}).get("status")
                if status is not None and status >= 500:
                    found.append(f"{key} at size {size} answered {status} ({variant})")
    run = (results.get("load") or {}).get("load_run")
    if run and not run["ok"]:
        found.append(
            f"load run: errors {run['errors']}, server alive {run['server_alive']}, "
            f"log errors {len(run['log_errors'])}"
        )
    return found


def explain_targets(results, targets):
    missed = [title for title, met, _lines in targets if not met]
    if not missed:
        return ["Alle doelen zijn gehaald."]
    return [
        f"{len(missed)} van de {len(targets)} doelen zijn niet gehaald. Wat de oorzaak is, "
        "staat (als die bekend is) onder ‘Wat de cijfers zeggen’ aan het eind."
    ]
