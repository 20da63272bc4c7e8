from django.urls import path

from probanker.portfolio import views

app_name = "portfolio"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("clients/", views.client_list, name="clients"),
    path("equipement/", views.matrix, name="matrix"),
    path("pnb/", views.pnb, name="pnb"),
    path("objectifs/", views.objectives_page, name="objectives"),
    path("taux-de-cession/", views.transfer_prices, name="transfer_prices"),
]
