from django.urls import path

from . import funding_views, views
from .routewijzer import views as routewijzer

app_name = "pathways"

urlpatterns = [
    path("routes/", views.PathwayListView.as_view(), name="pathway_list"),
    path("routes/<slug:slug>/", views.PathwayDetailView.as_view(), name="pathway_detail"),
    path(
        "routes/<slug:pathway_slug>/<slug:slug>/",
        views.StepDetailView.as_view(),
        name="step_detail",
    ),
    path("rollen/", views.RoleListView.as_view(), name="role_list"),
    path("hulpbronnen/", views.ResourceListView.as_view(), name="resource_list"),
    path("kosten-en-subsidies/", funding_views.FundingView.as_view(), name="funding"),
    path("routewijzer/", routewijzer.RoutewijzerView.as_view(), name="routewijzer"),
    path("routewijzer/advies/", routewijzer.AdviceView.as_view(), name="routewijzer_advice"),
    path("routewijzer/plaatsen/", routewijzer.place_suggestions, name="place_suggestions"),
]
