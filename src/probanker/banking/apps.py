from django.apps import AppConfig


class BankingConfig(AppConfig):
    name = "probanker.banking"
    label = "banking"
    verbose_name = "Comptes et produits"

    def ready(self) -> None:
        from probanker.banking.models import Contract, Product, ProductFamily
        from probanker.banking.steps import compact_statements
        from probanker.core.pagecache import track
        from probanker.core.registry import BatchStep, batch_steps

        track(Contract, Product, ProductFamily)

        from probanker.banking import contributions

        contributions.register()
        batch_steps.register(
            BatchStep(
                name="statements_compact",
                label="Compactage des relevés dans le lac",
                order=10,
                run=compact_statements,
            )
        )
