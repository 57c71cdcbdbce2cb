"""What the public pages say about a programme's facts as a whole: which are not
known yet (said once, in one line), its start moments grouped as a visitor reads
them, and the years of amounts that are no longer current.

Everything here reads the programme's relations with `.all()`, so a page that
prefetched them (ProgrammeQuerySet.with_public_relations, with_directory_relations)
makes no extra query.
"""

# The facts the unknowns line can name, in the order of the key facts, each with
# the Dutch label the line uses ("Nog niet bekend: duur, toelatingseisen en kosten").
# A label names the fact; it is never shown as the fact's value.
PUBLIC_FACT_LABELS = {
    "qualification": "waartoe de opleiding leidt",
    "degree": "graad",
    "profiles": "vmbo-profielen",
    "study_forms": "studievormen",
    "locations": "vestiging",
    "total_ec": "studielast",
    "duration": "duur",
    "start_moments": "startmomenten",
    "costs": "kosten",
    "study_advice": "studieadvies",
    "entry_requirements": "toelatingseisen",
    "exemptions": "vrijstellingen",
    "ecpb_member": "ECPB-lidmaatschap",
    "employer_role": "wat de school als werkgever regelt",
    "contacts": "contactpersoon",
}

# What a result in the directory (/opleidingen/) shows, and so may say is missing.
DIRECTORY_FACTS = ("profiles", "study_forms", "locations", "exemptions", "contacts")


class PublicFactsMixin:
    """Methods of Programme for the public pages; see the module docstring."""

    def _has_public_fact(self, name):
        if name in ("profiles", "study_forms", "locations", "start_moments", "costs", "contacts"):
            return bool(getattr(self, name).all())
        if name == "qualification":
            return self.qualification_id is not None
        if name == "duration":
            return bool(self.duration or self.duration_text)
        if name == "study_advice":
            return self.study_advice_binding is not None or bool(self.study_advice_min_ec)
        if name == "exemptions":
            return self.exemptions_possible is not None
        if name == "ecpb_member":
            return self.ecpb_member is not None
        return bool(getattr(self, name))

    def missing_public_facts(self, only=None):
        """The Dutch labels of the facts nobody has a source for yet, in the order of
        the key facts: ["duur", "startmomenten", "kosten"]. `only`: the names (keys
        of PUBLIC_FACT_LABELS) to look at, e.g. DIRECTORY_FACTS; default all."""
        names = only if only is not None else PUBLIC_FACT_LABELS
        return [
            label
            for name, label in PUBLIC_FACT_LABELS.items()
            if name in names and not self._has_public_fact(name)
        ]

    def missing_directory_facts(self):
        return self.missing_public_facts(only=DIRECTORY_FACTS)

    def start_moment_lines(self):
        """The start moments as a visitor reads them, one line per study form and
        year in the source: ["1 februari en 1 september (deeltijd; zo vermeld voor
        2024)", "1 september (voltijd)"]."""
        groups = {}
        for moment in self.start_moments.all():
            form = moment.study_form.name.lower() if moment.study_form_id else ""
            groups.setdefault((form, moment.source_year), []).append(moment)
        lines = []
        for (form, year), moments in groups.items():
            # StartMoment.__str__ is "1 september", or "september" without a day.
            dates = [str(moment) for moment in sorted(moments, key=lambda m: (m.month, m.day or 0))]
            text = dates[0] if len(dates) == 1 else ", ".join(dates[:-1]) + " en " + dates[-1]
            notes = [note for note in (form, f"zo vermeld voor {year}" if year else "") if note]
            lines.append(f"{text} ({'; '.join(notes)})" if notes else text)
        return lines

    def old_cost_years(self, today=None):
        """The years of the programme's amounts that are older than the current study
        year, oldest first: the page says these are not the amounts of now."""
        return sorted({cost.year for cost in self.costs.all() if cost.is_old(today) and cost.year})

    def current_costs_unknown(self, today=None):
        """True when the programme has amounts, but none for the current study year."""
        costs = list(self.costs.all())
        return bool(costs) and all(cost.is_old(today) for cost in costs)
