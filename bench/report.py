"""Writes the results of `make bench` as Markdown (Dutch, like the README) and JSON.

`write(results, path)` writes `path` (docs/performance.md) and the raw results beside
it (docs/performance.json), and returns the failures that make the bench exit
non-zero. Targets that are not met are reported in the document, honestly, but do
not fail the run (bench/targets.py).
"""

import json
from pathlib import Path

from bench.formatting import LABELS, latency, ms, number, percent, short, size_name, table, yes_no
from bench.targets import evaluate, explain_targets, failures


def render(results, json_name):
    machine = results["machine"]
    config = results["config"]
    sizes = results["sizes"]
    load = results.get("load") or {}
    targets = evaluate(results)
    out = []
    add = out.append

    add("# Snelheid en belasting: de metingen")
    add("")
    add(
        "Dit document is gemaakt door `make bench` (de scripts staan in `bench/`). "
        "Voer dat opnieuw uit na een wijziging; de tabellen hieronder worden dan "
        "overschreven. De ruwe cijfers staan in "
        f"[`{json_name}`]({json_name})."
    )
    if config["quick"]:
        add("")
        add("**Let op: dit is een korte meting (`BENCH_QUICK=1`).** De cijfers zijn grof.")
    add("")
    add("## De doelen")
    add("")
    rows = []
    for title, met, lines in targets:
        rows.append([title, yes_no(met), "<br>".join(lines) if lines else ""])
    add(table(["Doel", "Gehaald", "Toelichting"], rows, ["---", ":-:", "---"]))
    add("")
    notes = explain_targets(results, targets)
    if notes:
        out.extend(notes)
        add("")

    add("## De machine")
    add("")
    add(
        table(
            ["", ""],
            [
                ["Datum", results["started"]],
                ["Duur van `make bench`", f"{results['seconds']} seconden"],
                ["Processorkernen", machine["cpus"]],
                ["Processor", machine["cpu_model"] or "onbekend"],
                ["Systeem", machine["platform"]],
                ["Python", machine["python"]],
                ["Django", machine["django"]],
                ["gunicorn", machine["gunicorn"]],
                ["whitenoise", machine["whitenoise"]],
                ["SQLite", machine["sqlite"]],
                ["wrk", machine["wrk"]],
                [
                    "Load average (1, 5 en 15 min)",
                    "; ".join(
                        f"{when} " + "  ".join(f"{v:.1f}".replace(".", ",") for v in machine[key])
                        for when, key in (
                            ("vóór", "load_average_before"),
                            ("na", "load_average_after"),
                        )
                        if key in machine
                    ),
                ],
            ],
            ["---", "---"],
        )
    )
    add("")
    add(
        "De machine is klein en wordt gedeeld: andere processen draaiden tijdens de "
        "meting mee (de load average laat zien hoeveel). Losse tijden schommelen daardoor; "
        "vergelijk cijfers uit dezelfde meting met elkaar, zoals de verhouding tussen een "
        "pagina en het statische bestand."
    )
    add("")

    add("## Zo herhaalt u de meting")
    add("")
    add("```sh")
    add("apt-get install wrk      # de belastingtester, eenmalig")
    add("make bench               # alles; schrijft docs/performance.md en .json")
    add("BENCH_QUICK=1 make bench # korter en grover; schrijft naar var/bench/")
    add("```")
    add("")
    add("Instellingen (omgevingsvariabelen):")
    add("")
    add("- `BENCH_QUICK=1`: minder verzoeken, korte wrk-metingen (3 s), belasting 15 s.")
    add("- `BENCH_SIZES=0,500,5000`: welke groottes (extra opleidingen bovenop de startinhoud).")
    add("- `BENCH_REQUESTS=50`, `BENCH_WARMUP=5`: gemeten verzoeken per pagina, na opwarmen.")
    add("- `BENCH_WORKERS=4`: aantal gunicorn-workers.")
    add("- `BENCH_DURATION=10`: seconden per doorvoermeting.")
    add("- `BENCH_LOAD_SECONDS=60`, `BENCH_LOAD_CONNECTIONS=50`: de belastingstest.")
    add("- `BENCH_CACHE_URL=redis://…`: meet met een gedeelde cache in plaats van het geheugen.")
    add("- `BENCH_NO_LOAD=1`: alleen queries en servertijd, zonder gunicorn en wrk.")
    add("- `BENCH_OUTPUT=pad.md`: waar het verslag komt (de JSON komt ernaast).")
    add("")
    add(
        "`make bench` faalt (exitcode niet 0) als wrk ontbreekt, als gunicorn niet start, "
        "als een pagina een serverfout (5xx) geeft of als de belastingstest een fout had."
    )
    add("")

    add("## Hoe er gemeten wordt")
    add("")
    add(
        "- **Gegevens.** Drie SQLite-databases in `var/bench/` (nooit de gewone database): "
        "de startinhoud (`manage.py load_seed`), en de startinhoud met 500 en met 5.000 "
        "gemaakte opleidingen. Elke gemaakte opleiding heeft tien modules, een hogeschool, "
        "een of twee vestigingen in echte Nederlandse plaatsen, profielen, studievormen, "
        "websites, contactpersonen en leervormen (`bench/generate.py`). Een database wordt "
        "hergebruikt zolang de code die haar maakt (en de migraties en de startinhoud) niet "
        "veranderde: een hash staat in de bestandsnaam."
    )
    add(
        "- **Instellingen.** Zoals op een server: `toolkit_site.settings.prod` (DEBUG uit), "
        "een gemaakte geheime sleutel, statische bestanden met `collectstatic` in een "
        "tijdelijke map (whitenoise met namen met een hash). Alleen de doorverwijzing naar "
        "https staat uit, want er is geen TLS op 127.0.0.1."
    )
    add(
        f"- **Queries en servertijd.** In één proces met Django's testclient: per pagina "
        f"{config['warmup']} keer opwarmen, één verzoek om de queries te tellen, dan "
        f"{config['requests']} verzoeken met een stopwatch (`time.perf_counter`; een trage "
        "pagina krijgt minder verzoeken, minstens 10). *Zonder cache*: de paginacache is "
        "uitgeschakeld, dit is de tijd die Django nodig heeft om de pagina te maken. "
        "*Met cache*: dezelfde pagina uit de paginacache."
    )
    if load:
        add(
            f"- **Doorvoer.** gunicorn met {load['workers']} *sync*-workers op 127.0.0.1, "
            f"belast met wrk ({load['threads']} threads, {load['connections']} verbindingen, "
            f"{load['seconds']} s per adres, na 2 s opwarmen) met de database "
            f"‘{size_name(load['size'])}’. Sync-workers, omdat de site zo draait: achter een "
            "TLS-proxy die verzoeken buffert (daarvoor is de sync-worker gemaakt), en zo "
            "start `make run` hem ook. Een sync-worker sluit de verbinding na elk antwoord, "
            "dus elk verzoek is een nieuwe verbinding, voor pagina's en het statische "
            "bestand gelijk. Het statische bestand gaat door dezelfde gunicorn en "
            "whitenoise en wordt vóór en na elke pagina gemeten. wrk vraagt niet om "
            "compressie, dus alles gaat ongecomprimeerd over de lijn."
        )
    add("")

    add("## De databases")
    add("")
    rows = []
    for size, data in sizes.items():
        counts = data["data"]
        rows.append(
            [
                size_name(size),
                number(counts["programmes"]),
                number(counts["published_programmes"]),
                number(counts["modules"]),
                number(counts["institutions"]),
                number(counts["locations"]),
                number(counts["contacts"]),
            ]
        )
    add(
        table(
            [
                "Grootte",
                "Opleidingen",
                "Gepubliceerd",
                "Modules",
                "Hogescholen",
                "Vestigingen",
                "Contactpersonen",
            ],
            rows,
        )
    )
    add("")

    add("## Queries en servertijd per pagina")
    add("")
    add(
        "Tijden in milliseconden: de mediaan en het 95e percentiel (p95) van de "
        "gemeten verzoeken, in het proces gemeten (zonder netwerk)."
    )
    add("")
    add("### Overzicht: zonder cache")
    add("")
    names = list(sizes)
    header = ["Pagina"]
    header += [f"Queries {short(size)}" for size in names]
    header += [f"Mediaan {short(size)}" for size in names]
    header += [f"p95 {short(size)}" for size in names]
    any_cache = any(data.get("page_cache") for data in sizes.values())
    if any_cache:
        header += [f"Mediaan met cache {short(size)}" for size in names]
    rows = []
    keys = dict.fromkeys(key for data in sizes.values() for key in data["pages"])
    for key in keys:

        def value(size, variant, field, key=key):
            page = sizes[size]["pages"].get(key)
            return (page.get(variant) or {}).get(field) if page else None

        row = [LABELS.get(key, key)]
        row += [number(value(size, "uncached", "queries")) for size in names]
        row += [ms(value(size, "uncached", "median_ms")) for size in names]
        row += [ms(value(size, "uncached", "p95_ms")) for size in names]
        if any_cache:
            row += [ms(value(size, "cached", "median_ms")) for size in names]
        rows.append(row)
    add(table(header, rows))
    add("")
    for size in names:
        data = sizes[size]
        add(f"### {size_name(size).capitalize()}")
        add("")
        has_cache = bool(data.get("page_cache"))
        header = ["Pagina", "Adres", "Status", "kB", "Queries", "Mediaan", "p95", "n"]
        if has_cache:
            header += ["Queries (cache)", "Mediaan (cache)", "p95 (cache)"]
        rows = []
        for key, page in data["pages"].items():
            plain = page["uncached"]
            status = str(plain["status"])
            if plain.get("location"):
                status += f" → `{plain['location']}`"
            row = [
                LABELS.get(key, key),
                f"`{page['url']}`",
                status,
                f"{plain['bytes'] / 1024:.0f}",
                plain["queries"],
                ms(plain["median_ms"]),
                ms(plain["p95_ms"]),
                plain["requests"],
            ]
            if has_cache:
                cached = page.get("cached") or {}
                row += [
                    cached.get("queries", "–"),
                    ms(cached.get("median_ms")),
                    ms(cached.get("p95_ms")),
                ]
            rows.append(row)
        align = ["---", "---", "---"] + ["--:"] * (len(header) - 3)
        add(table(header, rows, align))
        add("")

    if load:
        add("## Doorvoer onder gunicorn")
        add("")
        add(
            f"Verzoeken per seconde met de database ‘{size_name(load['size'])}’. "
            "*t.o.v. statisch*: de doorvoer van de pagina gedeeld door die van het "
            f"statische bestand (`{load['static_url']}`) in dezelfde meting; dat is het "
            "cijfer dat telt, omdat het schommelen van de machine beide raakt. Elk verzoek "
            f"zegt, zoals een browser: `Accept-Encoding: {load.get('accept_encoding', '')}`. "
            "Doel: een pagina uit de cache haalt minstens 70%."
        )
        add("")
        variants = list(load["throughput"])
        header = ["Adres"]
        for variant in variants:
            name = "met cache" if variant == "cached" else "zonder cache"
            header += [f"Verzoeken/s {name}", f"t.o.v. statisch ({name})", f"p99 ms ({name})"]
        header += ["Fouten"]
        rows = []
        keys = list(load["throughput"][variants[0]])
        for key in keys:
            row = [LABELS.get(key, key)]
            errors = 0
            for variant in variants:
                data = load["throughput"][variant][key]
                ratio = "100%" if key == "static" else percent(data["ratio"])
                p99 = ms(data["latency_us"]["p99"] / 1000) if data["requests"] else "–"
                row += [number(data["rps"]), ratio, p99]
                errors += data["error_total"]
            row.append(errors)
            rows.append(row)
        add(table(header, rows))
        add("")
        for variant in variants:
            static = load["throughput"][variant]["static"]
            name = "met cache" if variant == "cached" else "zonder cache"
            runs = ", ".join(number(rate) for rate in static.get("rps_runs", []))
            add(
                f"Het statische bestand ({name}) is {len(static.get('rps_runs', []))} keer "
                f"gemeten, vóór en na elke pagina: {runs} verzoeken/s. De verhouding van een "
                "pagina gebruikt het gemiddelde van de meting ervoor en erna."
            )
            add("")

        run = load.get("load_run")
        if run:
            add("## Belastingstest")
            add("")
            statuses = ", ".join(
                f"{status}: {number(count)}" for status, count in sorted(run["statuses"].items())
            )
            add(
                f"{run['seconds']} seconden met {run['connections']} gelijktijdige verbindingen "
                f"(wrk, {load['threads']} threads, time-out {load['timeout']}), elke verbinding "
                f"steeds het volgende adres uit een lijst van {len(run['paths'])}: alle "
                "pagina's hierboven, nog een aantal andere opleidingen en het statische "
                "bestand. Aan het begin is de paginacache leeg, zoals na een wijziging van de "
                "inhoud. gunicorn met de "
                f"productie-instellingen{' en de paginacache' if load['page_cache'] else ''}, "
                f"database ‘{size_name(load['size'])}’."
            )
            add("")
            errors = run["errors"]
            add(
                table(
                    ["", ""],
                    [
                        ["Verzoeken", number(run["requests"])],
                        ["Verzoeken per seconde", number(run["rps"])],
                        ["Antwoorden per status", statuses or "–"],
                        ["Antwoorden niet 2xx of 3xx", errors["status"]],
                        [
                            "Socketfouten (verbinden, lezen, schrijven, time-out)",
                            f"{errors['connect']}, {errors['read']}, {errors['write']}, "
                            f"{errors['timeout']}",
                        ],
                        ["Fouten in het log van gunicorn", len(run["log_errors"])],
                        ["Wachttijd mediaan / p99 / max (ms)", latency(run)],
                        ["Resultaat", "geen fouten" if run["ok"] else "**fouten**"],
                    ],
                    ["---", "--:"],
                )
            )
            add("")
    return "\n".join(out).rstrip() + "\n"


# A hand-written part of the document, kept when the tables are written again.
NOTES_START = "<!-- toelichting: met de hand geschreven, blijft staan bij make bench -->"
NOTES_END = "<!-- einde toelichting -->"
EMPTY_NOTES = "## Wat de cijfers zeggen\n\n(Nog geen toelichting.)\n"


def kept_notes(path: Path):
    if path.exists():
        text = path.read_text(encoding="utf-8")
        start, end = text.find(NOTES_START), text.find(NOTES_END)
        if 0 <= start < end:
            return text[start + len(NOTES_START) : end].strip("\n") + "\n"
    return EMPTY_NOTES


def write(results, path: Path):
    path.parent.mkdir(parents=True, exist_ok=True)
    json_path = path.with_suffix(".json")
    json_path.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    notes = kept_notes(path)
    document = render(results, json_path.name)
    path.write_text(f"{document}\n{NOTES_START}\n{notes}{NOTES_END}\n", encoding="utf-8")
    return failures(results)
