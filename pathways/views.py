from django.views.generic import DetailView, ListView

from .models import Pathway, Role, Step


class PathwayDetailView(DetailView):
    template_name = "pathways/pathway_detail.html"
    context_object_name = "pathway"

    def get_queryset(self):
        return Pathway.objects.published()


class StepDetailView(DetailView):
    template_name = "pathways/step_detail.html"
    context_object_name = "step"

    def get_queryset(self):
        return Step.objects.filter(
            pathway__slug=self.kwargs["pathway_slug"], pathway__in=Pathway.objects.published()
        )


class RoleListView(ListView):
    template_name = "pathways/role_list.html"
    context_object_name = "roles"
    model = Role
