from django.apps import AppConfig


class PortfolioConfig(AppConfig):
    name = "probanker.portfolio"
    label = "portfolio"
    verbose_name = "Portefeuille"

    def ready(self) -> None:
        from probanker.portfolio import contributions

        contributions.register()
