from django.urls import path

from . import views

app_name = "programmes"

# Fixed words come before <slug>: a programme cannot take the slug "vergelijken".
urlpatterns = [
    path("", views.ProgrammeListView.as_view(), name="programme_list"),
    path("download.csv", views.ProgrammeCsvView.as_view(), name="programme_csv"),
    path("vergelijken/", views.ProgrammeCompareView.as_view(), name="programme_compare"),
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
]
