"""The Routewijzer's views: the questionnaire, the advice, and place suggestions.

The answers travel in the address (a GET form, `pathways.forms.RoutewijzerForm`), so
an advice can be shared; nothing is stored. The advice reads the route data from
memory (`data`), asks `routefinder.find_route` for the route and `nearest` for the
programmes where it ends; a bad answer shows the questionnaire again.
"""

from django.http import JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import Truncator
from django.views.generic import TemplateView

from pagecache.memo import per_content_version
from programmes import places
from programmes.models import Province
from publicpages.addresses import canonical_url

from .. import routefinder
from ..forms import RoutewijzerForm
from ..models import EducationLevel, PriorLearning
from ..routefinder_types import Answers
from .data import load_route_data
from .funding_fit import fit_schemes
from .nearest import Origin, ends_in_programmes, programmes_for_step
from .presentation import present_advice
from .summary import advice_summary


def error_summary(form):
    """(message, anchor) for every error, in the order of the form's fields."""
    summary = []
    for bound in form:
        if bound.name == "gedaan":
            widget_id = "gedaan"
        elif bound.use_fieldset:
            # A group of radio buttons: the first option, as GOV.UK does, so a
            # click on the message lands on a control.
            widget_id = f"{bound.auto_id}_0"
        else:
            widget_id = bound.auto_id
        for error in bound.errors:
            summary.append((error, widget_id))
    for error in form.non_field_errors():
        summary.append((error, "routewijzer-vragen"))
    return summary


def repeated_answers(query):
    """A Dutch note for each question that has more than one answer in the address
    (an edited or pasted link): the form reads the last one, and the page says so."""
    notes = []
    for name, field in RoutewijzerForm.base_fields.items():
        values = query.getlist(name)
        if name == "gedaan" or len(values) < 2:
            continue
        chosen = Truncator(" ".join(values[-1].split())).chars(40)
        notes.append(
            f"Bij ‘{field.label}’ staan {len(values)} antwoorden in het adres. "
            f"Het advies gebruikt het laatste: ‘{chosen}’."
        )
    return notes


def initial_from_query(query):
    """The answers in a shared address, to fill in the questionnaire again."""
    initial = {name: query.get(name) for name in RoutewijzerForm.base_fields if name in query}
    if "gedaan" in query:
        initial["gedaan"] = query.getlist("gedaan")
    return initial


class RoutewijzerFormMixin:
    def form_context(self, form):
        return {
            "form": form,
            "prior_learning": list(PriorLearning.objects.all()),
            "errors": error_summary(form) if form.is_bound else [],
        }


class RoutewijzerView(RoutewijzerFormMixin, TemplateView):
    """The questionnaire. Answers in the address (from "Antwoorden wijzigen") are
    filled in; the answers are checked on the advice page."""

    template_name = "pathways/routewijzer_form.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = RoutewijzerForm(initial=initial_from_query(self.request.GET))
        context.update(self.form_context(form))
        context["checked_prior"] = set(self.request.GET.getlist("gedaan"))
        return context


class AdviceView(RoutewijzerFormMixin, TemplateView):
    """The advice for the answers in the address; with a bad or missing answer,
    the questionnaire again, with a message beside each field to fix."""

    template_name = "pathways/routewijzer_advice.html"
    form_template_name = "pathways/routewijzer_form.html"

    def get(self, request, *args, **kwargs):
        form = RoutewijzerForm(request.GET)
        if not form.is_valid():
            context = self.form_context(form)
            context["checked_prior"] = set(request.GET.getlist("gedaan"))
            return self.response_class(
                request=request,
                template=[self.form_template_name],
                context=context,
                using=self.template_engine,
            )
        return self.render_to_response(self.advice_context(form))

    def advice_context(self, form):
        data = form.cleaned_data
        loaded = per_content_version("pathways.routewijzer", load_route_data)
        answers = Answers(
            education=data["opleiding"],
            experience_years=data["ervaring"],
            done=frozenset(entry.slug for entry in data["gedaan"]),
            role=data["functie"].slug,
            hours=data["uren"],
            profile=data["profiel"].slug if data["profiel"] else "",
        )
        advice = routefinder.find_route(answers, loaded.route_data)
        origin = Origin(place=form.place, province=data["provincie"])
        programme_advice = None
        route = advice.best or (advice.fallback.best if advice.fallback else None)
        if route is not None:
            for step in self._programme_steps(route, loaded):
                programme_advice = programmes_for_step(
                    step, data["profiel"], origin, loaded.campuses
                )
                if programme_advice is not None:
                    break
        done = list(data["gedaan"])
        notices = repeated_answers(self.request.GET)
        shown = present_advice(advice, loaded, data["profiel"])
        rules = self._rules(advice, loaded)
        funding_schemes = self._funding_schemes(advice, route, loaded)
        return {
            "form": form,
            "answers": data,
            "done": done,
            "exemption_notes": [entry for entry in done if entry.exemption_note],
            "education_name": EducationLevel(data["opleiding"]).label,
            "shown": shown,
            "summary": advice_summary(
                shown,
                programme_advice,
                funding_schemes=funding_schemes,
                rules=rules,
                notices=notices,
            ),
            "answer_notices": notices,
            # The date printed on the advice: the page cache keys a page by the day
            # too, so it is always today's.
            "advice_date": timezone.localdate(),
            # Links that matter on paper print this address before their path.
            "site_root": canonical_url(self.request, "/").removesuffix("/"),
            "advice": advice,
            "loaded": loaded,
            "origin": origin,
            "province_name": Province(origin.province).label if origin.province else "",
            "programme_advice": programme_advice,
            "employer_pathway": loaded.pathways[route.pathway.id] if route else None,
            "rules": rules,
            "funding_schemes": funding_schemes,
            "funding": fit_schemes(funding_schemes, advice.held, loaded.teaching_qualifications),
            "change_url": reverse("pathways:routewijzer") + "?" + self.request.GET.urlencode(),
            "share_url": canonical_url(self.request, self.request.get_full_path()),
        }

    @staticmethod
    def _programme_steps(route, loaded):
        """The route's last step, then its next steps: where programmes may be."""
        steps = [loaded.steps[route.goal.id]]
        steps += [loaded.steps[next_step.step.id] for next_step in route.next_steps]
        for step in steps:
            if ends_in_programmes(step, loaded.given_qualifications):
                yield step

    @staticmethod
    def _funding_schemes(advice, route, loaded):
        """The published funding schemes of the chosen job, the route shown and its
        steps, once each, in their own order."""
        schemes = {}
        owners = [loaded.roles[advice.role.slug]]
        if route is not None:
            owners.append(loaded.pathways[route.pathway.id])
            owners += [loaded.steps[item.step.id] for item in route.steps]
        for owner in owners:
            for scheme in owner.public_funding_schemes:
                schemes.setdefault(scheme.pk, scheme)
        return sorted(schemes.values(), key=lambda scheme: (scheme.order, scheme.name))

    @staticmethod
    def _rules(advice, loaded):
        """The rules for the chosen job and for the steps the advice mentions, once each."""
        rules = {}
        role = loaded.roles[advice.role.slug]
        for rule in role.advice_rules:
            rules.setdefault(rule.pk, rule)
        mentioned = []
        for group in (advice.routes[:1], advice.excluded):
            for route in group:
                mentioned.extend(route_step.step.id for route_step in route.steps)
                mentioned.extend(next_step.step.id for next_step in route.next_steps)
        for step_id in mentioned:
            for rule in loaded.steps[step_id].advice_rules:
                rules.setdefault(rule.pk, rule)
        return sorted(rules.values(), key=lambda rule: (rule.order, rule.title))


def place_suggestions(request):
    """Place names for the search-as-you-type list of the questionnaire (JSON)."""
    query = request.GET.get("q", "")[:100]
    found = places.suggest(query)
    response = JsonResponse(
        {"plaatsen": [{"naam": place.name, "provincie": place.province_name} for place in found]}
    )
    response["Cache-Control"] = "public, max-age=86400"
    return response
