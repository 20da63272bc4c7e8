from django.apps import AppConfig


class PartiesConfig(AppConfig):
    name = "probanker.parties"
    label = "parties"
    verbose_name = "Clients et prospects"

    def ready(self) -> None:
        from probanker.core.pagecache import track
        from probanker.parties import models

        track(
            models.Party,
            models.Establishment,
            models.Person,
            models.PartyRole,
            models.PartyLink,
            models.AccessibilityProfile,
        )

        from probanker.parties import contributions

        contributions.register()
