from django.urls import path

from probanker.credit import views

app_name = "credit"

urlpatterns = [
    path("", views.file_list, name="list"),
    path("delegation/", views.delegation, name="delegation"),
    path("usure/", views.usury_page, name="usury"),
    path("renouvellements/", views.renewals_page, name="renewals"),
    path("renouvellements/<int:contract_id>/", views.renew_contract, name="renew"),
    path("lettres/<int:letter_id>.pdf", views.letter_pdf, name="letter"),
    path("lettres/<int:letter_id>/envoyee/", views.letter_sent, name="letter_sent"),
    path("nouveau/<int:party_id>/", views.file_create, name="create"),
    path("<int:file_id>/", views.file_detail, name="file"),
    path("<int:file_id>/note.pdf", views.file_note, name="note"),
    path("<int:file_id>/<str:action>/", views.file_action, name="action"),
]
