"""Which published programmes a route's step ends in, as database conditions.

A programme *fits* a step when it gives the step's qualification (or staff linked it
to the step) and is known to train for the chosen profiel; it *may fit* when its
qualification or profielen are not known yet. Programmes known to be for other
profielen never count; the advice only says how many there are (`others`).
`Candidates` states this once, for the database (`conditions`, `fits`) and for rows
read as values (`unknown`). Why the conditions are written as they are:
docs/decisions/0029-nearest-programmes-search.md.
"""

import functools
import operator
from dataclasses import dataclass

from django.db.models import Count, Exists, F, OuterRef, Q, Value
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact, In
from django.utils.translation import gettext as _

from editorial.status import PublicationStatus
from programmes.models import Programme


@dataclass
class Ring:
    """The nearest campuses a search covers, and their hogescholen."""

    campus_ids: set
    institution_ids: set


class Candidates:
    """The published programmes where a step ends, that fit or may fit a profiel, as
    database conditions (nothing is loaded here).

    `conditions(prefix)` gives them for a query on programmes (prefix "") or on
    programme-location links (prefix "programme__"). Each query puts its cheap,
    indexed condition (which campuses) first, so the database checks the profielen
    of a few programmes only.
    """

    def __init__(self, step, profile):
        self.linked = step.linked_programmes  # published programmes staff linked
        self.yields_id = step.yields_id
        self.profile = profile
        self.ends_here = bool(self.linked) or step.yields_id is not None

    def _profile_links(self, prefix):
        pk = OuterRef(f"{prefix}pk" if prefix else "pk")
        return Programme.profiles.through.objects.filter(programme_id=pk)

    def for_profile(self, prefix=""):
        """Whether a programme is known to train for the profiel (True without one)."""
        if not self.profile:
            return Value(True)
        return Exists(self._profile_links(prefix).filter(vocationalprofile_id=self.profile.pk))

    def for_this_profile(self, prefix=""):
        """Known to be for the profiel, or no profielen known (never for others)."""
        return Q(self.for_profile(prefix)) | ~Exists(self._profile_links(prefix))

    def conditions(self, prefix="", others=False):
        """The conditions; `others`: also the programmes known to be for other
        profielen (to count them)."""
        # Status and qualification are written so that no index on them is used: they
        # select most programmes, and SQLite (without statistics) would otherwise read
        # all of those through that index instead of using the selective condition
        # that each query puts first (which campuses, which hogescholen).
        conditions = [Exact(Coalesce(F(f"{prefix}status"), Value("")), PublicationStatus.PUBLISHED)]
        if self.linked:
            conditions.append(Q(**{f"{prefix}pk__in": self.linked}))
        else:
            if prefix:
                # The qualification, or none known (0: no qualification has that id).
                conditions.append(
                    In(Coalesce(F(f"{prefix}qualification_id"), Value(0)), [self.yields_id, 0])
                )
            else:  # counting all candidates: here the index on the qualification helps
                conditions.append(
                    Q(qualification_id=self.yields_id) | Q(qualification__isnull=True)
                )
        if self.profile and not others:
            conditions.append(self.for_this_profile(prefix))
        return conditions

    def fits(self, prefix=""):
        """The condition for "fits" (the others may fit), or None when all fit."""
        fits = []
        if self.profile:
            fits.append(Q(self.for_profile(prefix)))
        if not self.linked:
            fits.append(Q(**{f"{prefix}qualification__isnull": False}))
        return functools.reduce(operator.and_, fits) if fits else None

    def totals(self):
        """(fitting, may fit, known to be for other profielen). One query."""
        queryset = Programme.objects.order_by().filter(*self.conditions(others=True))
        fits = self.fits()
        candidate = self.for_this_profile() if self.profile else None
        counts = {"total": Count("pk", filter=candidate)}
        if fits is not None:
            counts["fitting"] = Count("pk", filter=fits if candidate is None else candidate & fits)
        if candidate is not None:
            counts["others"] = Count("pk", filter=~candidate)
        counted = queryset.aggregate(**counts)
        fitting = counted.get("fitting", counted["total"])
        return fitting, counted["total"] - fitting, counted.get("others", 0)

    def unknown(self, qualification_id, for_profile):
        unknown = []
        if self.profile and not for_profile:
            unknown.append(_("voor welke vmbo-profielen de opleiding is"))
        if not self.linked and qualification_id is None:
            unknown.append(_("welke bevoegdheid de opleiding geeft"))
        return unknown

    def is_other(self, for_profile, any_profile):
        """Whether a programme read as values is known to be for other profielen only."""
        return bool(self.profile and any_profile and not for_profile)

    def _accepts(self, pk, status, qualification_id, for_profile, any_profile, kind, others):
        """conditions() and fits(), in Python, for a programme read as values."""
        if status != PublicationStatus.PUBLISHED:
            return False
        if self.linked:
            if pk not in self.linked:
                return False
        elif qualification_id not in (self.yields_id, None):
            return False
        if self.is_other(for_profile, any_profile):
            return others
        return kind is None or kind == (not self.unknown(qualification_id, for_profile))

    def near(self, ring, kind=None, others=False):
        """The candidates with a campus in `ring` (None: anywhere, also without a
        campus), as (programme id, own campus id or None, institution id,
        qualification id, for the profiel, for other profielen only). `kind`: True
        for those that fit only, False for those that may fit only; `others`: also
        the programmes known to be for other profielen (to count them). Two compact
        queries (no model instances), each led by its selective condition (which
        campuses, which hogescholen).
        """
        prefix = "programme__"
        links = Programme.locations.through.objects.order_by()
        own = links
        # Programmes without a campus of their own (rare): those of the ring's
        # hogescholen, checked in Python, so the database needs no other index.
        without_own = Programme.objects.order_by().filter(
            ~Exists(links.filter(programme_id=OuterRef("pk")))
        )
        if ring is not None:
            own = own.filter(location_id__in=ring.campus_ids)
            without_own = without_own.filter(institution_id__in=ring.institution_ids)
        if self.linked:
            without_own = without_own.filter(pk__in=self.linked)
        own = own.filter(*self.conditions(prefix, others=others))
        fits = self.fits(prefix)
        if kind is not None and fits is not None:
            own = own.filter(fits if kind else ~fits)
        any_profile = Exists(self._profile_links(prefix)) if others else Value(False)
        rows = [
            (*row, self.is_other(row[4], has_profile))
            for *row, has_profile in own.annotate(
                matches_profile=self.for_profile(prefix), any_profile=any_profile
            ).values_list(
                "programme_id",
                "location_id",
                "programme__institution_id",
                "programme__qualification_id",
                "matches_profile",
                "any_profile",
            )
        ]
        without_own = without_own.annotate(
            matches_profile=self.for_profile(), any_profile=Exists(self._profile_links(""))
        ).values_list(
            "pk", "status", "institution_id", "qualification_id", "matches_profile", "any_profile"
        )
        for pk, status, institution_id, qualification_id, for_profile, has_profile in without_own:
            if self._accepts(pk, status, qualification_id, for_profile, has_profile, kind, others):
                rows.append(
                    (
                        pk,
                        None,
                        institution_id,
                        qualification_id,
                        for_profile,
                        self.is_other(for_profile, has_profile),
                    )
                )
        return rows
