from django.urls import path

from probanker.prospecting import views

app_name = "prospecting"

urlpatterns = [
    path("", views.search_page, name="search"),
    path("prospects/", views.prospect_create, name="prospect_create"),
]
