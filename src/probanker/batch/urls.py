from django.urls import path

from probanker.batch import views

app_name = "batch"

urlpatterns = [
    path("", views.journal, name="journal"),
]
