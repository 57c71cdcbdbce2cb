"""Count how often the public pages say a fact is not known yet.

Loads the seed into a fresh in-memory database, visits every address of the
sitemap with Django's test client and counts "niet bekend" (any case) in the
text a visitor reads. Run: .venv/bin/python -m bench.unknowns [--per-page]
"""

import html
import os
import re
import sys


def visible_text(body: str) -> str:
    body = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", body)
    return html.unescape(re.sub(r"<[^>]+>", " ", body))


def main(argv):
    os.environ["DJANGO_SETTINGS_MODULE"] = "toolkit_site.settings.test"
    os.environ["DATABASE_URL"] = "sqlite://:memory:"
    import django

    django.setup()
    from urllib.parse import urlsplit

    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    call_command("migrate", verbosity=0)
    call_command("load_seed", verbosity=0)
    client = Client()
    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [urlsplit(u).path for u in re.findall(r"<loc>([^<]+)</loc>", sitemap)]
    total = 0
    for path in paths:
        text = visible_text(client.get(path).content.decode())
        count = len(re.findall(r"niet bekend", text, re.IGNORECASE))
        total += count
        if "--per-page" in argv:
            print(f"{count:4d}  {path}")
    print(f"{total} times 'niet bekend' on {len(paths)} sitemap pages")


if __name__ == "__main__":
    main(sys.argv[1:])
