from django.urls import path

from probanker.portfolio import targetviews, views

app_name = "portfolio"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("revue.pdf", views.review_pdf, name="review"),
    path("clients/", views.client_list, name="clients"),
    path("equipement/", views.matrix, name="matrix"),
    path("pnb/", views.pnb, name="pnb"),
    path("objectifs/", views.objectives_page, name="objectives"),
    path("taux-de-cession/", views.transfer_prices, name="transfer_prices"),
    path("listes/", targetviews.target_lists, name="target_lists"),
    path("listes/enregistrer/", targetviews.target_save, name="target_save"),
    path("listes/<int:list_id>/", targetviews.target_list, name="target_list"),
    path("actions/<int:action_id>/", targetviews.action_status, name="action_status"),
]
