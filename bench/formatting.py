"""Dutch number, time and table formatting for the benchmark report (bench/report.py)."""

LABELS = {
    "home": "Startpagina",
    "sheet": "Toolkitblad",
    "directory": "Opleidingen: alle",
    "directory_filtered": "Opleidingen: filter PIE + deeltijd",
    "directory_search": "Opleidingen: zoeken ‘techniek’",
    "directory_page3": "Opleidingen: pagina 3",
    "csv": "Opleidingen: CSV-download",
    "directory_nearby": "Opleidingen: bij Zwolle",
    "directory_nearby_radius": "Opleidingen: PIE binnen 50 km van Groningen",
    "csv_nearby": "Opleidingen: CSV bij Zwolle",
    "compare": "Vergelijken (3 opleidingen)",
    "programme": "Opleiding (uit de startinhoud)",
    "programme_modules": "Opleiding met tien modules",
    "routes": "Routes",
    "route": "Route",
    "step": "Stap van een route",
    "roles": "Rollen",
    "resources": "Hulpbronnen",
    "contact": "Contact",
    "routewijzer": "Routewijzer: vragen",
    "advice": "Routewijzer: advies",
    "sitemap": "sitemap.xml",
    "robots": "robots.txt",
    "healthz": "/healthz",
    "static": "Statisch bestand (site.css)",
}


def size_name(size):
    return (
        "startinhoud"
        if size == "seed"
        else f"startinhoud + {int(size):,} opleidingen".replace(",", ".")
    )


def ms(value):
    return "–" if value is None else f"{value:.1f}".replace(".", ",")


def number(value):
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.0f}".replace(",", ".")
    return f"{value:,}".replace(",", ".")


def percent(ratio):
    return f"{ratio * 100:.0f}%"


def yes_no(ok):
    return "ja" if ok else "**nee**"


def table(header, rows, align=None):
    align = align or ["---"] + ["--:"] * (len(header) - 1)
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(align) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def latency(run):
    values = run["latency_us"]
    return " / ".join(ms(values[key] / 1000) for key in ("p50", "p99", "max"))


def short(size):
    return "start" if size == "seed" else size.replace("000", ".000")
