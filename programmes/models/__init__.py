"""Models of the programmes app: where each fact comes from, the shared
vocabulary (qualifications, vmbo profielen, study and learning forms), the
institutions and their teacher-training programmes."""

from .costs import CostFields, CostKind, PaidBy, ProgrammeCost, StartMoment, current_study_year
from .durations import DurationFields, months_text
from .institutions import Institution, Location, Province
from .parts import LinkKind, Module, ProgrammeContact, ProgrammeLink
from .programmes import Programme
from .redirects import ProgrammeSlugHistory
from .sources import Source, SourcedModel
from .vocabulary import ExemptionMethod, LearningForm, Qualification, StudyForm, VocationalProfile

__all__ = [
    "CostFields",
    "CostKind",
    "DurationFields",
    "LinkKind",
    "PaidBy",
    "ProgrammeCost",
    "StartMoment",
    "current_study_year",
    "months_text",
    "ExemptionMethod",
    "Institution",
    "LearningForm",
    "Location",
    "Module",
    "Programme",
    "ProgrammeContact",
    "ProgrammeLink",
    "ProgrammeSlugHistory",
    "Province",
    "Qualification",
    "Source",
    "SourcedModel",
    "StudyForm",
    "VocationalProfile",
]
