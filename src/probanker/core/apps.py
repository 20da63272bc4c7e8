from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "probanker.core"
    label = "core"
    verbose_name = "Socle"
