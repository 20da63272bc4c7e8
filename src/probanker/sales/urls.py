from django.urls import path

from probanker.sales import condition_views, views

app_name = "sales"

urlpatterns = [
    path("", views.pipeline, name="pipeline"),
    path("tableau/", views.board, name="board"),
    path("opportunites/nouvelle/<int:party_id>/", views.opportunity_new, name="opportunity_new"),
    path("opportunites/<int:opportunity_id>/", views.opportunity_detail, name="opportunity"),
    path("entretiens/", views.interview_list, name="interviews"),
    path("entretiens/nouveau/<int:party_id>/", views.interview_new, name="interview_new"),
    path("entretiens/<int:interview_id>/", views.interview_detail, name="interview"),
    path("entretiens/<int:interview_id>/compte-rendu.pdf", views.report_pdf, name="report"),
    path("entretiens/<int:interview_id>/envoye/", views.report_sent, name="report_sent"),
    path("entretiens/<int:interview_id>/specialiste/", views.referral_new, name="referral_new"),
    path("specialistes/<int:referral_id>/reponse/", views.referral_answer, name="referral_answer"),
    path("apres-vente/", views.event_list, name="events"),
    path("apres-vente/<int:aftersale_id>/", views.event_close, name="event_close"),
    path("conditions/", condition_views.condition_list, name="conditions"),
    path("conditions/grille/", condition_views.condition_grid, name="condition_grid"),
    path(
        "conditions/nouvelle/<int:contract_id>/",
        condition_views.condition_new,
        name="condition_new",
    ),
    path(
        "conditions/<int:condition_id>/decision/",
        condition_views.condition_decide,
        name="condition_decide",
    ),
    path("guides/", views.guide_list, name="guides"),
    path("guides/<int:guide_id>/", views.guide_detail, name="guide"),
]
