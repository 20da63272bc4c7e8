from django.urls import path

from probanker.risk import case_views, views

app_name = "risk"

urlpatterns = [
    path("", views.alerts_page, name="alerts"),
    path("regles/", views.rules_page, name="rules"),
    path("dossiers/", case_views.case_list, name="cases"),
    path("dossiers/nouveau/<int:party_id>/", case_views.case_open, name="case_open"),
    path("dossiers/<int:case_id>/", case_views.case_detail, name="case"),
    path("dossiers/<int:case_id>/<str:action>/", case_views.case_action, name="case_action"),
]
