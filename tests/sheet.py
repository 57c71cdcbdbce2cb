"""What the printed toolkit sheet says, for tests that compare the site with it."""

from pathlib import Path

# A copy of ../shared/seed/docententoolkit-blad-01.txt, kept in the repo so CI can read it.
SHEET_PATH = Path(__file__).resolve().parents[1] / "docs" / "toolkitblad-01.txt"

# The twelve bit.ly addresses printed on the sheet, in printed order.
PRINTED_BITLY_LINKS = [
    "https://bit.ly/39yDfxW",
    "https://bit.ly/3woZr7w",
    "https://bit.ly/3umIokF",
    "https://bit.ly/3sMA1ya",
    "https://bit.ly/3dQsFUm",
    "https://bit.ly/3dvnqZJ",
    "https://bit.ly/3rZQa2b",
    "https://bit.ly/2PDbf5y",
    "https://bit.ly/3t02Ffz",
    "https://bit.ly/3oNFaot",
    "https://bit.ly/3weRrpk",
    "https://bit.ly/2SqDaX4",
]
# "Meer informatie: www.sterktechniekonderwijs.nl/docententoolkit", stored with https://.
TOOLKIT_URL = "https://www.sterktechniekonderwijs.nl/docententoolkit"
