from django.urls import path

from probanker.complaints import views

app_name = "complaints"

urlpatterns = [
    path("", views.complaint_list, name="list"),
    path("nouvelle/<int:party_id>/", views.complaint_create, name="create"),
    path("registre/", views.register_page, name="register"),
    path("registre/export/", views.register_export, name="export"),
    path("<int:complaint_id>/", views.complaint_detail, name="detail"),
    path("<int:complaint_id>/etape/", views.complaint_step, name="step"),
    path("<int:complaint_id>/pieces/", views.complaint_attach, name="attach"),
    path(
        "<int:complaint_id>/pieces/<int:attachment_id>/",
        views.attachment_download,
        name="attachment",
    ),
    path("<int:complaint_id>/courrier.pdf", views.complaint_letter, name="letter"),
]
