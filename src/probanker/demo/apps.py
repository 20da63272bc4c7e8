from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "probanker.demo"
    label = "demo"
    verbose_name = "Agence de démonstration"
