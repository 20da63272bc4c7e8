from django.urls import path

from probanker.certification import views

app_name = "certification"

urlpatterns = [
    path("", views.home, name="home"),
    path("referentiel/", views.referentiel, name="referentiel"),
    path("statistiques/", views.statistics, name="statistics"),
    path("mon-dossier/", views.my_file, name="my_file"),
    path("mon-dossier/rapport-activite.pdf", views.my_activity_pdf, name="my_activity"),
    path(
        "mon-dossier/questionnaires/<int:questionnaire_id>/",
        views.my_questionnaire,
        name="my_questionnaire",
    ),
    path("questionnaires/", views.questionnaire_list, name="questionnaires"),
    path("candidats/nouveau/", views.candidate_create, name="candidate_create"),
    path("candidats/<int:candidate_id>/", views.candidate, name="candidate"),
    path("candidats/<int:candidate_id>/evaluer/", views.evaluate, name="evaluate"),
    path("candidats/<int:candidate_id>/amf/", views.amf, name="amf"),
    path("candidats/<int:candidate_id>/insertion/", views.outcome, name="outcome"),
    path("candidats/<int:candidate_id>/attestation.pdf", views.attestation_pdf, name="attestation"),
    path("candidats/<int:candidate_id>/rapport-activite.pdf", views.activity_pdf, name="activity"),
    path("candidats/<int:candidate_id>/etude-de-cas.pdf", views.case_study_pdf, name="case_study"),
    path("jurys/", views.juries, name="juries"),
    path("jurys/nouveau/", views.jury_create, name="jury_create"),
    path("jurys/<int:jury_id>/", views.jury, name="jury"),
    path("jurys/<int:jury_id>/candidats/", views.present, name="present"),
    path("jurys/<int:jury_id>/deliberer/", views.deliberate, name="deliberate"),
    path("deliberations/<int:deliberation_id>.pdf", views.minutes_pdf, name="minutes"),
]
