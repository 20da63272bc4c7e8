from django.urls import path

from probanker.parties import views

app_name = "parties"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("nouveau/", views.client_create, name="create"),
    path("reaffectation/", views.bulk_reassign, name="reassign"),
    path("<int:party_id>/modifier/", views.client_edit, name="edit"),
    path("<int:party_id>/reaffecter/", views.client_reassign, name="reassign_one"),
    path("<int:party_id>/personnes/ajouter/", views.role_add, name="role_add"),
    path("<int:party_id>/personnes/<int:role_id>/modifier/", views.role_edit, name="role_edit"),
    path("<int:party_id>/personnes/<int:role_id>/retirer/", views.role_remove, name="role_remove"),
    path("<int:party_id>/liens/ajouter/", views.link_add, name="link_add"),
    path("<int:party_id>/liens/<int:link_id>/retirer/", views.link_remove, name="link_remove"),
]
