"""Models of the programmes app: where each fact comes from, the shared
vocabulary (qualifications, vmbo profielen, study and learning forms), the
institutions and their teacher-training programmes."""

from .institutions import Institution, Location, Province
from .linkchecks import LinkCheck
from .programmes import Module, Programme, ProgrammeContact, ProgrammeLink, PublicationStatus
from .redirects import ProgrammeSlugHistory
from .sources import Source, SourcedModel
from .vocabulary import ExemptionMethod, LearningForm, Qualification, StudyForm, VocationalProfile

__all__ = [
    "ExemptionMethod",
    "Institution",
    "LearningForm",
    "LinkCheck",
    "Location",
    "Module",
    "Programme",
    "ProgrammeContact",
    "ProgrammeLink",
    "ProgrammeSlugHistory",
    "Province",
    "PublicationStatus",
    "Qualification",
    "Source",
    "SourcedModel",
    "StudyForm",
    "VocationalProfile",
]
