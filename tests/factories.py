"""One factory per model, in one place. Tests build only the data they need."""

import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from editorial.models import LinkCheck
from editorial.status import PublicationStatus
from pathways import models as pw
from programmes import models as pm


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = pm.Source

    slug = factory.Sequence(lambda n: f"bron-{n}")
    title = factory.Sequence(lambda n: f"Bron {n}")
    url = factory.Sequence(lambda n: f"https://bron.example/{n}")


class VocationalProfileFactory(DjangoModelFactory):
    class Meta:
        model = pm.VocationalProfile
        django_get_or_create = ("code",)

    code = "PIE"
    slug = factory.LazyAttribute(lambda o: o.code.lower().replace("&", ""))
    name = "Produceren, installeren en energie"


class StudyFormFactory(DjangoModelFactory):
    class Meta:
        model = pm.StudyForm
        django_get_or_create = ("slug",)

    slug = "deeltijd"
    name = "Deeltijd"


class LearningFormFactory(DjangoModelFactory):
    class Meta:
        model = pm.LearningForm
        django_get_or_create = ("slug",)

    slug = "praktijkleren"
    name = "Praktijkleren"


class ExemptionMethodFactory(DjangoModelFactory):
    class Meta:
        model = pm.ExemptionMethod
        django_get_or_create = ("slug",)

    slug = "evc"
    name = "EVC"


class QualificationFactory(DjangoModelFactory):
    class Meta:
        model = pm.Qualification
        django_get_or_create = ("slug",)

    slug = "tweedegraads-bevoegdheid"
    name = "Tweedegraads bevoegdheid"


class InstitutionFactory(DjangoModelFactory):
    class Meta:
        model = pm.Institution

    name = factory.Sequence(lambda n: f"Hogeschool {n}")
    short_name = factory.Sequence(lambda n: f"HS{n}")
    slug = factory.Sequence(lambda n: f"hogeschool-{n}")
    website = factory.Sequence(lambda n: f"https://hogeschool{n}.example/")


class LocationFactory(DjangoModelFactory):
    class Meta:
        model = pm.Location

    institution = factory.SubFactory(InstitutionFactory)
    city = factory.Sequence(lambda n: f"Plaats {n}")
    province = pm.Province.UTRECHT


class ProgrammeFactory(DjangoModelFactory):
    class Meta:
        model = pm.Programme

    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Leraar Techniek {n}")
    slug = factory.Sequence(lambda n: f"leraar-techniek-{n}")
    status = PublicationStatus.PUBLISHED
    summary = "Een opleiding voor docenten techniek."
    checked_on = datetime.date(2026, 11, 24)


class ProgrammeLinkFactory(DjangoModelFactory):
    class Meta:
        model = pm.ProgrammeLink

    programme = factory.SubFactory(ProgrammeFactory)
    url = factory.Sequence(lambda n: f"https://bit.ly/link{n}")
    title = "Website van de opleiding"


class ProgrammeContactFactory(DjangoModelFactory):
    class Meta:
        model = pm.ProgrammeContact

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Contact {n}")
    email = factory.Sequence(lambda n: f"contact{n}@hogeschool.example")


class ModuleFactory(DjangoModelFactory):
    class Meta:
        model = pm.Module

    programme = factory.SubFactory(ProgrammeFactory)
    title = factory.Sequence(lambda n: f"Module {n}")
    outcome = "De kandidaat geeft een les en bespreekt die na."


class ProgrammeCostFactory(DjangoModelFactory):
    class Meta:
        model = pm.ProgrammeCost

    programme = factory.SubFactory(ProgrammeFactory)
    amount = 2601
    year = 2025
    kind = pm.CostKind.STATUTORY


class StartMomentFactory(DjangoModelFactory):
    class Meta:
        model = pm.StartMoment

    programme = factory.SubFactory(ProgrammeFactory)
    month = 9
    day = 1


class OrganisationFactory(DjangoModelFactory):
    class Meta:
        model = pw.Organisation

    name = factory.Sequence(lambda n: f"Fonds {n}")
    slug = factory.Sequence(lambda n: f"fonds-{n}")
    kind = pw.OrganisationKind.FUND


class OrganisationContactFactory(DjangoModelFactory):
    class Meta:
        model = pw.OrganisationContact

    organisation = factory.SubFactory(OrganisationFactory)
    email = factory.Sequence(lambda n: f"info{n}@fonds.example")


class RoleFactory(DjangoModelFactory):
    class Meta:
        model = pw.Role

    name = factory.Sequence(lambda n: f"Rol {n}")
    slug = factory.Sequence(lambda n: f"rol-{n}")


class PathwayFactory(DjangoModelFactory):
    class Meta:
        model = pw.Pathway

    name = factory.Sequence(lambda n: f"Route {n}")
    slug = factory.Sequence(lambda n: f"route-{n}")
    status = PublicationStatus.PUBLISHED


class StepFactory(DjangoModelFactory):
    class Meta:
        model = pw.Step

    pathway = factory.SubFactory(PathwayFactory)
    title = factory.Sequence(lambda n: f"Stap {n}")
    slug = factory.Sequence(lambda n: f"stap-{n}")
    order = factory.Sequence(lambda n: n)


class TransitionFactory(DjangoModelFactory):
    class Meta:
        model = pw.Transition

    from_step = factory.SubFactory(StepFactory)
    to_step = factory.SubFactory(StepFactory, pathway=factory.SelfAttribute("..from_step.pathway"))


class StepOfferFactory(DjangoModelFactory):
    class Meta:
        model = pw.StepOffer

    step = factory.SubFactory(StepFactory)
    institution = factory.SubFactory(InstitutionFactory)
    name = factory.Sequence(lambda n: f"Aanbod {n}")


class OfferCostFactory(DjangoModelFactory):
    class Meta:
        model = pw.OfferCost

    offer = factory.SubFactory(StepOfferFactory)
    amount = 1000
    year = 2025


class FundingSchemeFactory(DjangoModelFactory):
    class Meta:
        model = pw.FundingScheme

    name = factory.Sequence(lambda n: f"Regeling {n}")
    slug = factory.Sequence(lambda n: f"regeling-{n}")
    kind = pw.SchemeKind.SUBSIDY
    summary = "Een regeling."


class ResourceFactory(DjangoModelFactory):
    class Meta:
        model = pw.Resource

    title = factory.Sequence(lambda n: f"Hulpbron {n}")
    slug = factory.Sequence(lambda n: f"hulpbron-{n}")
    kind = pw.ResourceKind.ONLINE
    url = factory.Sequence(lambda n: f"https://bit.ly/hulp{n}")


class QuoteFactory(DjangoModelFactory):
    class Meta:
        model = pw.Quote

    text = "Opleiden doe je samen."
    author = "Iemand"


class TextBlockFactory(DjangoModelFactory):
    class Meta:
        model = pw.TextBlock

    slug = factory.Sequence(lambda n: f"blok-{n}")
    body = "Tekst."


class RuleFactory(DjangoModelFactory):
    class Meta:
        model = pw.Rule

    slug = factory.Sequence(lambda n: f"regel-{n}")
    title = factory.Sequence(lambda n: f"Regel {n}")


class PriorLearningFactory(DjangoModelFactory):
    class Meta:
        model = pw.PriorLearning

    slug = factory.Sequence(lambda n: f"eerder-{n}")
    name = factory.Sequence(lambda n: f"Eerder gedaan {n}")


class ProgrammeSlugHistoryFactory(DjangoModelFactory):
    class Meta:
        model = pm.ProgrammeSlugHistory

    programme = factory.SubFactory(ProgrammeFactory)
    old_slug = factory.Sequence(lambda n: f"oude-opleiding-{n}")


class PathwaySlugHistoryFactory(DjangoModelFactory):
    class Meta:
        model = pw.PathwaySlugHistory

    pathway = factory.SubFactory(PathwayFactory)
    old_slug = factory.Sequence(lambda n: f"oude-route-{n}")


class StepSlugHistoryFactory(DjangoModelFactory):
    class Meta:
        model = pw.StepSlugHistory

    step = factory.SubFactory(StepFactory)
    pathway = factory.SelfAttribute("step.pathway")
    old_slug = factory.Sequence(lambda n: f"oude-stap-{n}")


class LinkCheckFactory(DjangoModelFactory):
    class Meta:
        model = LinkCheck

    url = factory.Sequence(lambda n: f"https://link{n}.example/")
    ok = True
    status_code = 200
    checked_at = factory.LazyFunction(timezone.now)
