"""The public page types the benchmark measures, with a Dutch label for the report."""

from dataclasses import dataclass
from urllib.parse import urlencode

SEED_PROGRAMME = "windesheim-leraar-technisch-beroepsonderwijs"
COMPARED = [
    "windesheim-leraar-technisch-beroepsonderwijs",
    "fontys-leraar-technisch-beroepsonderwijs",
    "hogeschool-rotterdam-leraar-technisch-beroepsonderwijs",
]
ROUTE = "zij-instroom-in-het-beroep"
STEP = "tweedegraads-bevoegdheid"
# Candidate 2 of the Routewijzer tests: hbo, a qualified teacher, BWI, a school in Zwolle.
ADVICE = [
    ("opleiding", "hbo"),
    ("ervaring", "10"),
    ("functie", "bevoegd-docent"),
    ("profiel", "bwi"),
    ("uren", "8"),
    ("plaats", "Zwolle"),
]


@dataclass(frozen=True)
class Page:
    key: str
    label: str  # Dutch, for docs/performance.md
    url: str


def healthz_url():
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse("healthz")
    except NoReverseMatch:
        return "/healthz"


def public_pages(sample_programme=None):
    """Every public page type. The programme page is a programme of the seed, the same at
    every size; `sample_programme`, a generated programme with ten modules, is measured
    as well where the database has one."""
    generated = (
        [
            Page(
                "programme_modules",
                "Opleiding met tien modules",
                f"/opleidingen/{sample_programme}/",
            )
        ]
        if sample_programme
        else []
    )
    return [
        Page("home", "Startpagina", "/"),
        Page("sheet", "Toolkitblad", "/opleiden-doe-je-samen/"),
        Page("directory", "Opleidingen: alle", "/opleidingen/"),
        Page(
            "directory_filtered",
            "Opleidingen: filter PIE + deeltijd",
            "/opleidingen/?profiel=pie&studievorm=deeltijd",
        ),
        Page("directory_search", "Opleidingen: zoeken ‘techniek’", "/opleidingen/?zoek=techniek"),
        Page("directory_page3", "Opleidingen: pagina 3", "/opleidingen/?pagina=3"),
        Page("csv", "Opleidingen: CSV-download", "/opleidingen/download.csv"),
        # The directory by distance (programmes/nearby.py): distances from memory.
        Page("directory_nearby", "Opleidingen: bij Zwolle", "/opleidingen/?bij=Zwolle"),
        Page(
            "directory_nearby_radius",
            "Opleidingen: PIE binnen 50 km van Groningen",
            "/opleidingen/?bij=Groningen&straal=50&profiel=pie",
        ),
        Page("csv_nearby", "Opleidingen: CSV bij Zwolle", "/opleidingen/download.csv?bij=Zwolle"),
        Page(
            "compare",
            "Vergelijken (3 opleidingen)",
            "/opleidingen/vergelijken/?" + urlencode([("opleiding", slug) for slug in COMPARED]),
        ),
        Page("programme", "Opleiding (uit de startinhoud)", f"/opleidingen/{SEED_PROGRAMME}/"),
        *generated,
        Page("routes", "Routes", "/routes/"),
        Page("route", "Route", f"/routes/{ROUTE}/"),
        Page("step", "Stap van een route", f"/routes/{ROUTE}/{STEP}/"),
        Page("roles", "Rollen", "/rollen/"),
        Page("resources", "Hulpbronnen", "/hulpbronnen/"),
        Page("contact", "Contact", "/contact/"),
        Page("routewijzer", "Routewijzer: vragen", "/routewijzer/"),
        Page("advice", "Routewijzer: advies", "/routewijzer/advies/?" + urlencode(ADVICE)),
        Page("sitemap", "sitemap.xml", "/sitemap.xml"),
        Page("robots", "robots.txt", "/robots.txt"),
        Page("healthz", "/healthz", healthz_url()),
    ]


# The busiest pages: measured for throughput under gunicorn, beside a static file.
BUSIEST = ["home", "directory", "programme", "advice"]
