"""Two to four programmes side by side (/opleidingen/vergelijken/). Work in progress."""

from django.views.generic import TemplateView


class ProgrammeCompareView(TemplateView):
    template_name = "programmes/programme_compare.html"
