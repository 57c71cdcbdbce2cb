"""Checking the external addresses the site shows (`manage.py check_links`), and
finding the broken ones in the admin.

The one rule: results are kept per address, not per entry (editorial.models.LinkCheck),
so an address linked from many entries is checked once. The parts: addresses.py
(which addresses, storing results), checking.py (one address over HTTP) and
admin.py (the filter and the column). Why it is built this way:
docs/decisions/0010-link-checks-per-address.md.
"""
