"""CSV files as Dutch Excel opens them with a double click.

The one home of the rules that every spreadsheet file of the site follows (the
directory's download and the admin's CSV export and import): UTF-8 with a byte
order mark, ``;`` between cells, and a ``'`` before a cell that a spreadsheet
would otherwise run as a formula (CSV injection). The rule to know: write cells
only through lines(), which escapes every cell. Why these rules:
docs/decisions/0011-one-spreadsheet-format.md.
"""

import csv
import io

BOM = "\ufeff"  # Excel then reads the file as UTF-8, not in its Windows encoding
DELIMITER = ";"  # the list separator of Dutch Excel
# A cell that starts with one of these is read as a formula (OWASP, "CSV Injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """`value` with a ' in front when a spreadsheet would run it as a formula."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def unescape_formula(value):
    """A cell read back from a file, without the ' that escape_formula() added."""
    if isinstance(value, str) and value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def lines(rows):
    """Each row as one line of CSV, every cell escaped (';' between cells, ending in
    CRLF). Join the lines after BOM to make a file."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=DELIMITER)
    ends = []
    for row in rows:
        writer.writerow([escape_formula(cell) for cell in row])
        ends.append(buffer.tell())
    text = buffer.getvalue()
    return [text[start:end] for start, end in zip([0, *ends], ends, strict=False)]
