from django.urls import path

from probanker.diagnosis import views

app_name = "diagnosis"

urlpatterns = [
    path("", views.analysis_page, name="analysis"),
    path("note.pdf", views.analysis_pdf, name="pdf"),
    path("importer-fec/", views.fec_upload, name="fec_upload"),
    path("importer-fec/confirmer/", views.fec_confirm, name="fec_confirm"),
    path("saisir/<str:source>/", views.statement_create, name="statement"),
    path("exercices/<int:year_id>/", views.fiscal_year_page, name="year"),
    path("exercices/<int:year_id>/supprimer/", views.fiscal_year_delete, name="year_delete"),
]
