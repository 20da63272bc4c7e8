from django.apps import AppConfig


class RiskConfig(AppConfig):
    name = "probanker.risk"
    label = "risk"
    verbose_name = "Risques"

    def ready(self) -> None:
        from probanker.core.pagecache import track
        from probanker.risk.models import Alert, ClientRisk

        track(Alert, ClientRisk)

        from probanker.risk import contributions

        contributions.register()
