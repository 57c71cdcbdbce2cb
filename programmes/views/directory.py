"""The programme directory (/opleidingen/) and its CSV download. Work in progress."""

from django.http import HttpResponse
from django.views.generic import ListView

from ..models import Programme


class ProgrammeListView(ListView):
    template_name = "programmes/programme_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return Programme.objects.published().select_related("institution")


class ProgrammeCsvView(ProgrammeListView):
    def render_to_response(self, context, **response_kwargs):
        return HttpResponse("", content_type="text/csv")
