from django.apps import AppConfig


class ComplaintsConfig(AppConfig):
    name = "probanker.complaints"
    label = "complaints"
    verbose_name = "Réclamations"

    def ready(self) -> None:
        from probanker.complaints import contributions

        contributions.register()
