"""URL map: one product, the nouns of DESIGN.md's menu."""

from django.urls import include, path

from probanker.api import api

urlpatterns = [
    path("", include("probanker.workspace.urls")),
    path("", include("probanker.core.urls")),
    path("clients/", include("probanker.parties.urls")),
    path("clients/<int:party_id>/analyse/", include("probanker.diagnosis.urls")),
    path("comptes/", include("probanker.banking.urls")),
    path("risques/", include("probanker.risk.urls")),
    path("credits/", include("probanker.credit.urls")),
    path("portefeuille/", include("probanker.portfolio.urls")),
    path("reclamations/", include("probanker.complaints.urls")),
    path("accessibilite/", include("probanker.parties.rgaa_urls")),
    path("prospection/", include("probanker.prospecting.urls")),
    path("ventes/", include("probanker.sales.urls")),
    path("agenda/", include("probanker.agenda.urls")),
    path("traitements/", include("probanker.batch.urls")),
    path("certification/", include("probanker.certification.urls")),
    path("api/v1/", api.urls),
]

# Error pages in French, in the layout (JSON under /api/v1/).
handler400 = "probanker.core.errors.bad_request"
handler403 = "probanker.core.errors.permission_denied"
handler404 = "probanker.core.errors.page_not_found"
handler500 = "probanker.core.errors.server_error"
