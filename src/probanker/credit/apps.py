from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "probanker.credit"
    label = "credit"
    verbose_name = "Crédits"

    def ready(self) -> None:
        from probanker.credit import contributions

        contributions.register()
