from django.urls import path

from probanker.parties import views

app_name = "parties"

urlpatterns = [
    path("", views.client_list, name="list"),
    path("nouveau/", views.client_create, name="create"),
    path("reaffectation/", views.bulk_reassign, name="reassign"),
    path("<int:party_id>/modifier/", views.client_edit, name="edit"),
    path("<int:party_id>/reaffecter/", views.client_reassign, name="reassign_one"),
]
