from django.urls import path

from probanker.parties import rgaa_views as views

app_name = "rgaa"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("audit/", views.audit_page, name="audit"),
    path("audit/saisie/", views.results_page, name="results"),
    path("declaration/", views.statement, name="statement"),
]
