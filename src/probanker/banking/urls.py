from django.urls import path

from probanker.banking import views

app_name = "banking"

urlpatterns = [path("", views.contract_list, name="contracts")]
