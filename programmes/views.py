from django.views.generic import DetailView

from .models import Programme


class ProgrammeDetailView(DetailView):
    template_name = "programmes/programme_detail.html"
    context_object_name = "programme"

    def get_queryset(self):
        return Programme.objects.published().with_public_relations()
