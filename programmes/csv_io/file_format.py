"""The file of the admin's CSV export and import: written with the spreadsheet rules
of editorial/spreadsheet.py, read also when Excel saved it with ``,`` or in its
Windows encoding. The rule to know: a file that cannot be read raises CsvReadError
with a Dutch message for staff.
"""

import csv
import io

import tablib
from django.utils.translation import gettext_lazy as _
from import_export.formats.base_formats import CSV

from editorial import spreadsheet


class CsvReadError(ValueError):
    """A file that cannot be read as CSV; the message is for staff."""


def decode(data):
    """The text of an uploaded file: UTF-8 (with or without a byte order mark), or
    else Windows-1252, which Excel uses for "CSV (gescheiden door lijstscheidingsteken)"."""
    if isinstance(data, str):
        return data.removeprefix(spreadsheet.BOM)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError as error:
        raise CsvReadError(
            _(
                "De tekens in dit bestand zijn niet te lezen. Sla het in Excel op als "
                "‘CSV UTF-8 (gescheiden door komma's)’ en probeer het opnieuw."
            )
        ) from error


class SpreadsheetCSV(CSV):
    """CSV as Dutch Excel reads and writes it (editorial/spreadsheet.py); the import
    also reads ``,`` between cells and Excel's Windows encoding.

    Marked as binary so the admin hands over the uploaded bytes and `decode()`
    can fall back to Excel's Windows encoding.
    """

    CONTENT_TYPE = "text/csv; charset=utf-8"

    def get_title(self):
        return "csv"

    def is_binary(self):
        return True

    def get_read_mode(self):
        return "rb"

    def export_data(self, dataset, **kwargs):
        return spreadsheet.BOM + "".join(spreadsheet.lines([dataset.headers, *dataset]))

    def create_dataset(self, in_stream, **kwargs):
        text = decode(in_stream)
        first_line = text.split("\n", 1)[0]
        delimiter = spreadsheet.DELIMITER
        if delimiter not in first_line and "," in first_line:
            delimiter = ","
        try:
            rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
        except csv.Error as error:
            raise CsvReadError(
                _("Dit bestand is geen leesbaar CSV-bestand: %(error)s") % {"error": error}
            ) from error
        rows = [row for row in rows if any(cell.strip() for cell in row)]
        if len(rows) < 2:
            raise CsvReadError(
                _("Dit bestand heeft geen rijen om te importeren, alleen een kop of niets.")
            )
        headers = [cell.strip() for cell in rows[0]]
        dataset = tablib.Dataset(headers=headers)
        for number, row in enumerate(rows[1:], start=2):
            row = [spreadsheet.unescape_formula(cell) for cell in row]
            if len(row) > len(headers):
                if any(cell.strip() for cell in row[len(headers) :]):
                    raise CsvReadError(
                        _("Rij %(number)d heeft meer cellen dan de kop kolommen heeft.")
                        % {"number": number}
                    )
                row = row[: len(headers)]
            dataset.append(row + [""] * (len(headers) - len(row)))
        return dataset
