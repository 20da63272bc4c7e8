from django.apps import AppConfig


class ProspectingConfig(AppConfig):
    name = "probanker.prospecting"
    label = "prospecting"
    verbose_name = "Prospection"

    def ready(self) -> None:
        from probanker.core.pagecache import track
        from probanker.prospecting import contributions
        from probanker.prospecting.models import ProspectSource, Territory

        track(ProspectSource, Territory)
        contributions.register()
