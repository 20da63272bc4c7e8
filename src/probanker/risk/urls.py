from django.urls import path

from probanker.risk.views import alerts, cases, rules

app_name = "risk"

urlpatterns = [
    path("", alerts.alerts_page, name="alerts"),
    path("alertes/<int:alert_id>/prendre-en-charge/", alerts.alert_take, name="alert_take"),
    path("regles/", rules.rules_page, name="rules"),
    path("dossiers/", cases.case_list, name="cases"),
    path("dossiers/nouveau/<int:party_id>/", cases.case_open, name="case_open"),
    path("dossiers/<int:case_id>/", cases.case_detail, name="case"),
    path("dossiers/<int:case_id>/<str:action>/", cases.case_action, name="case_action"),
]
