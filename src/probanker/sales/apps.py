from django.apps import AppConfig


class SalesConfig(AppConfig):
    name = "probanker.sales"
    label = "sales"
    verbose_name = "Conseil et ventes"

    def ready(self) -> None:
        from probanker.core.pagecache import track
        from probanker.sales import contributions
        from probanker.sales.models import (
            AfterSalesEvent,
            ClientNeed,
            Interview,
            NegotiatedCondition,
            Opportunity,
            SpecialistReferral,
        )

        track(
            AfterSalesEvent,
            ClientNeed,
            Interview,
            NegotiatedCondition,
            Opportunity,
            SpecialistReferral,
        )
        contributions.register()
