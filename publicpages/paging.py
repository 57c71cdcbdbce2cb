"""Paging by a number in the address (`?pagina=N`), never an error page.

Used by the programme directory (programmes/views/directory.py) and the contact
page (toolkit_site/views.py). No number is page 1; a value that is not a number
shows page 1, a number past the end the last page, each with a message in Dutch.
A shared or printed address keeps working when the list gets shorter.
"""


def _shortened(text, length=20):
    return text if len(text) <= length else text[: length - 1] + "…"


def lenient_page(paginator, raw):
    """(page, notices) for the page number `raw` from an address."""
    raw = raw.strip()
    notices = []
    number = 1
    if raw:
        # ASCII digits only: int() also reads "١٢", and fails on "²" (which isdigit()
        # accepts) and on numbers of more than 4300 digits.
        digits = raw.lstrip("0")
        if raw.isascii() and raw.isdigit() and digits:
            number = int(digits) if len(digits) <= 9 else paginator.num_pages + 1
            if number > paginator.num_pages:
                notices.append(
                    f"Pagina {_shortened(raw)} bestaat niet. U ziet de laatste pagina "
                    f"(pagina {paginator.num_pages})."
                )
                number = paginator.num_pages
        else:
            notices.append(f"‘{_shortened(raw)}’ is geen paginanummer. U ziet pagina 1.")
    return paginator.page(number), notices
