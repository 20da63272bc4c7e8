from django.urls import path

from probanker.risk import views

app_name = "risk"

urlpatterns = [
    path("", views.alerts_page, name="alerts"),
    path("regles/", views.rules_page, name="rules"),
]
