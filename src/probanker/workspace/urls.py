"""The workspace's pages: « Ma journée » at ``/`` and the client page."""

from django.urls import path

from probanker.workspace import views

urlpatterns = [
    path("", views.home, name="home"),
    path("clients/<int:party_id>/", views.client_page, name="client"),
]
