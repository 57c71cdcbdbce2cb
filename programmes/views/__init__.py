"""Public pages of programmes: the directory (with its CSV download), the
comparison table and the programme page."""

from .compare import ProgrammeCompareView
from .detail import ProgrammeDetailView
from .directory import ProgrammeListView
from .download import ProgrammeCsvView

__all__ = ["ProgrammeCompareView", "ProgrammeCsvView", "ProgrammeDetailView", "ProgrammeListView"]
