"""The demo's RGAA audit of probanker's own pages, its plan and a consultation.

The audit records only what the project verifies on every build, each with the
evidence in its note (the browser tests run axe-core on these pages, the templates
give every table a caption and headers, every field a label...). The other criteria
stay « non évalué »: the audit is shown as in progress and its statement as
provisional (« non conforme » until complete, as the RGAA says).
"""

from __future__ import annotations

import datetime as dt

from probanker.core.models import User
from probanker.demo.common import DemoState
from probanker.parties import rgaa_services
from probanker.parties.models import AccessibilityPlan

PAGES = [
    ("page", "Connexion", "/connexion/"),
    ("page", "Ma journée", "/"),
    ("page", "Liste des clients", "/clients/"),
    ("page", "File des réclamations", "/reclamations/"),
]
AXE = "axe-core (tests/browser) : aucune violation"
# criterion → (verdict on each page, in the order of PAGES, or one for all; note)
EVIDENCE: dict[str, tuple[tuple[str, ...], str]] = {
    "2.1": (("NA",), "Aucun cadre (iframe) dans les gabarits."),
    "2.2": (("NA",), "Aucun cadre (iframe) dans les gabarits."),
    **{f"4.{n}": (("NA",), "Aucun média temporel (audio, vidéo).") for n in range(1, 14)},
    "3.2": (("C",), f"{AXE} de contraste ; contrastes mesurés aussi sur les incomplets."),
    "5.4": (("NA", "C", "C", "C"), "Chaque tableau de données a un <caption>."),
    "5.6": (("NA", "C", "C", "C"), "En-têtes <th> sur chaque tableau de données."),
    "5.7": (("NA", "C", "C", "C"), 'En-têtes associés par scope="col" / "row".'),
    "8.1": (("C",), "<!DOCTYPE html> dans base.html."),
    "8.3": (("C",), '<html lang="fr"> dans base.html.'),
    "8.4": (("C",), "Contenus en français."),
    "8.5": (("C",), "<title> sur chaque page."),
    "8.6": (("C",), "Titre « <page> — probanker »."),
    "11.1": (("C", "NA", "C", "NA"), "Chaque champ a son <label> (balise form_field)."),
    "12.7": (("C",), "Lien d'évitement « Aller au contenu principal » vers <main>."),
}


class AccessibilityBuilder(DemoState):
    def build_accessibility(self, referent: User) -> None:
        audit = rgaa_services.create_audit(
            actor=referent, title="Audit RGAA 4.1 de l'espace des chargés de clientèle",
            scope="l'application probanker (pages des chargés de clientèle)",
            auditor="Référent accessibilité (démonstration)",
            audited_on=self.as_of - dt.timedelta(days=20), samples=PAGES,
            tools="axe-core 4 (Playwright), parcours au clavier des tests de navigateur",
            environment="Chromium (Debian), fenêtres de 1280 et 320 pixels CSS",
            contact="le service réclamations (reclamations@demo.probanker.fr)",
        )  # fmt: skip
        for index, sample in enumerate(audit.samples.all()):
            results = {
                code: (verdicts[index] if len(verdicts) > 1 else verdicts[0], note)
                for code, (verdicts, note) in EVIDENCE.items()
            }
            rgaa_services.record_results(actor=referent, sample=sample, results=results)
        year = self.as_of.year
        plan = AccessibilityPlan.objects.create(
            title="Schéma pluriannuel de mise en accessibilité", start_year=year,
            end_year=year + 2,
        )  # fmt: skip
        for offset, action, owner in (
            (0, "Compléter l'audit des 106 critères sur l'échantillon", "Référent accessibilité"),
            (0, "Tester les parcours clients au lecteur d'écran (NVDA, VoiceOver)", "Équipe produit"),
            (1, "Courriers clients en langage clair relus par des usagers", "Service réclamations"),
            (2, "Audit des documents PDF envoyés aux clients", "Référent accessibilité"),
        ):  # fmt: skip
            rgaa_services.add_plan_action(
                actor=referent, plan=plan, year=year + offset, action=action, owner=owner
            )
        rgaa_services.add_consultation(
            actor=referent, held_on=self.as_of - dt.timedelta(days=45),
            association="Association locale de personnes sourdes et malentendantes (démonstration)",
            topic="Rendez-vous en agence et appels des conseillers",
            decisions="Rendez-vous en visio avec relais LSF proposés sur demande ; plus "
                      "d'appel téléphonique aux clients qui ont demandé un relais ; "
                      "transcription écrite en temps réel en agence.",
        )  # fmt: skip
