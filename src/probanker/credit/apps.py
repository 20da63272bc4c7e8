from django.apps import AppConfig


class CreditConfig(AppConfig):
    name = "probanker.credit"
    label = "credit"
    verbose_name = "Crédits"

    def ready(self) -> None:
        from probanker.credit import contributions

        contributions.register()
        from probanker.core.registry import BatchStep, batch_steps
        from probanker.credit.steps import guarantor_letters

        batch_steps.register(
            BatchStep(
                name="guarantor_letters",
                label="Lettres d'information des cautions",
                order=40,
                run=guarantor_letters,
            )
        )
