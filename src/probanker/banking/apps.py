from django.apps import AppConfig


class BankingConfig(AppConfig):
    name = "probanker.banking"
    label = "banking"
    verbose_name = "Comptes et produits"

    def ready(self) -> None:
        from probanker.banking.models import Contract, Product, ProductFamily
        from probanker.core.pagecache import track

        track(Contract, Product, ProductFamily)

        from probanker.banking import contributions

        contributions.register()
