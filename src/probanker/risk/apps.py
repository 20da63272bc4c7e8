from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "probanker.risk"
    label = "risk"
    verbose_name = "Risques"

    def ready(self) -> None:
        from probanker.core.pagecache import track
        from probanker.core.registry import BatchStep, batch_steps
        from probanker.risk.models import Alert, ClientRisk
        from probanker.risk.steps import cases_escalation, risk_indicators

        track(Alert, ClientRisk)

        from probanker.risk import contributions

        contributions.register()
        batch_steps.register(
            BatchStep(
                name="risk",
                label="Indicateurs, alertes et statuts de risque",
                order=20,
                run=risk_indicators,
            ),
            BatchStep(
                name="cases_escalation",
                label="Remontée des dossiers de dégradation en retard",
                order=30,
                run=cases_escalation,
            ),
        )
