from django.apps import AppConfig


class DiagnosisConfig(AppConfig):
    name = "probanker.diagnosis"
    label = "diagnosis"
    verbose_name = "Diagnostic financier"

    def ready(self) -> None:
        from probanker.core.pagecache import track
        from probanker.core.registry import signal_providers
        from probanker.diagnosis.models import FiscalYear
        from probanker.diagnosis.signals import PROVIDER

        track(FiscalYear)

        from probanker.diagnosis import contributions

        contributions.register()
        signal_providers.register(PROVIDER)
