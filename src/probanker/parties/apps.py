from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "probanker.parties"
    label = "parties"
    verbose_name = "Clients et prospects"
