"""Models of the pathways app: the organisations behind the routes, the routes
(pathways) with their steps and the transitions between steps, the roles a
newcomer can take, and the editable texts of the toolkit sheet."""

from .content import Quote, Resource, ResourceKind, Rule, RuleExplains, TextBlock
from .funding import FundingScheme, SchemeCondition, SchemeKind, SchemeStatus
from .offers import OfferCost, StepOffer
from .organisations import ContactPurpose, Organisation, OrganisationContact, OrganisationKind
from .redirects import PathwaySlugHistory, StepSlugHistory
from .routes import Pathway, Step, Transition
from .routewijzer import EducationLevel, PriorLearning
from .school_roles import Role

__all__ = [
    "ContactPurpose",
    "EducationLevel",
    "FundingScheme",
    "OfferCost",
    "SchemeCondition",
    "SchemeKind",
    "SchemeStatus",
    "Organisation",
    "OrganisationContact",
    "OrganisationKind",
    "Pathway",
    "PathwaySlugHistory",
    "PriorLearning",
    "Quote",
    "Resource",
    "ResourceKind",
    "Role",
    "Rule",
    "RuleExplains",
    "Step",
    "StepOffer",
    "StepSlugHistory",
    "TextBlock",
    "Transition",
]
