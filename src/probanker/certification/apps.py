from django.apps import AppConfig


class CertificationConfig(AppConfig):
    name = "probanker.certification"
    label = "certification"
    verbose_name = "Certification"

    def ready(self) -> None:
        from probanker.certification import contributions

        contributions.register()
