from django.urls import path

from probanker.agenda import views

app_name = "agenda"

urlpatterns = [
    path("", views.week, name="week"),
    path("flux.ics", views.feed, name="feed"),
    path("nouveau/<int:party_id>/", views.book, name="book"),
    path("rendez-vous/<int:appointment_id>/", views.appointment_detail, name="appointment"),
    path(
        "rendez-vous/<int:appointment_id>/issue/",
        views.appointment_status,
        name="appointment_status",
    ),
    path("rendez-vous/<int:appointment_id>.ics", views.appointment_ics, name="appointment_ics"),
    path("contacts/<int:party_id>/", views.contact_add, name="contact_add"),
    path("contacts/etape-faite/<int:contact_id>/", views.contact_done, name="contact_done"),
]
