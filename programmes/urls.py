from django.urls import path

from . import views

app_name = "programmes"

urlpatterns = [
    path("<slug:slug>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
]
