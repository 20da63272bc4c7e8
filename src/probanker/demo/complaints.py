"""Demo complaints in every state, through the same services as in real use.

A second branch in Strasbourg (Bas-Rhin: Good Friday and 26 December are holidays
there) with its manager and a few prospects, the bank's complaints officer, the
mediator's details (marked as a demo value), and about fifteen complaints spread over
the year: one per channel, payment-service ones (one on hold), answered ones of each
outcome with refunds, gestures and a mediator referral, overdue ones that the daily
batch escalates, and clients whose profile asks for large print or plain language so
that their letters come out adapted.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from html import escape
from zoneinfo import ZoneInfo

from probanker.complaints import services
from probanker.complaints.models import Attachment, Complaint, Mediator
from probanker.core.calendar import (
    business_days,
    is_business_day,
    last_business_day_on_or_before,
)
from probanker.core.models import Branch, Role, User
from probanker.demo.common import DEMO_PASSWORD, DemoState
from probanker.parties.accessibility import profile_of
from probanker.parties.models import AccessibilityProfile, Party, PartyRole

PARIS = ZoneInfo("Europe/Paris")

#: The users this step adds (shown by the demo command with the others).
COMPLAINTS_LOGINS = (("manager4", Role.MANAGER), ("reclamations", Role.COMPLAINTS))

# (days before the demo's date, channel, typology, product, payment service, state, subject,
# description). States: recue, accusee, attente, overdue_ack, overdue_answer, and the
# answered ones favorable / partielle / defavorable.
SCENARIOS = [
    (2, "telephone", "moyens_paiement", "business_card", True, "recue",
     "Carte refusée chez un fournisseur",
     "Paiement par carte refusé deux fois chez le grossiste alors que le compte est créditeur."),
    (9, "site", "tarification", "current_account", False, "recue",
     "Commissions d'intervention contestées",
     "Trois commissions d'intervention prélevées le même jour pour un seul dépassement."),
    (21, "courrier", "compte", "current_account", False, "overdue_ack",
     "Demande de clôture du compte secondaire non suivie",
     "Courrier de clôture envoyé il y a trois semaines, le compte est toujours ouvert."),
    (11, "email", "credit", "equipment_loan", False, "accusee",
     "Retard de déblocage du prêt d'équipement",
     "Le fournisseur attend le paiement de la machine ; le prêt accordé n'est pas débloqué."),
    (75, "agence", "qualite_service", None, False, "overdue_answer",
     "Conseiller injoignable pendant un mois",
     "Messages laissés sans rappel pendant la période de renouvellement de l'autorisation."),
    (9, "email", "moyens_paiement", "current_account", True, "attente",
     "Virement SEPA non reçu par le bénéficiaire",
     "Virement de 4 200 € au fournisseur débité le 3 mais jamais crédité chez lui."),
    (42, "reseaux_sociaux", "qualite_service", None, False, "favorable",
     "Attente en agence sans rendez-vous honoré",
     "Message public sur un réseau social : rendez-vous oublié, 45 minutes d'attente."),
    (95, "courrier", "tarification", "payment_terminal", False, "partielle",
     "Frais du terminal de paiement facturés après résiliation",
     "Location du TPE facturée deux mois après la restitution du matériel."),
    (160, "telephone", "credit", "overdraft", False, "defavorable",
     "Réduction de l'autorisation de découvert",
     "Le client conteste la réduction de son autorisation décidée au renouvellement."),
    (63, "agence", "accessibilite", None, False, "favorable",
     "Agence inaccessible en fauteuil roulant",
     "La porte d'entrée n'a pas de rampe ; le client a été reçu sur le trottoir."),
    (26, "email", "epargne", "savings_account", False, "accusee",
     "Taux du livret professionnel appliqué",
     "Le taux servi au trimestre ne correspond pas à celui annoncé à l'ouverture."),
    (210, "site", "moyens_paiement", "online_payment", True, "favorable",
     "Encaissements en ligne crédités en retard",
     "Les paiements en ligne du week-end n'apparaissent que le mercredi suivant."),
    (34, "courrier", "assurance", "multirisk_insurance", False, "accusee",
     "Sinistre dégât des eaux non indemnisé",
     "Déclaration faite il y a un mois sans nouvelles de l'assureur partenaire."),
]  # fmt: skip

ANSWERS = {
    "favorable": ("Nous reconnaissons le dysfonctionnement et vous présentons nos excuses.",
                  None, "Gratuité de la tenue de compte pendant trois mois"),
    "partielle": ("La location du terminal vous sera remboursée pour le mois suivant la "
                  "restitution ; le premier mois restait dû selon le contrat.",
                  Decimal("38.90"), ""),
    "defavorable": ("L'autorisation a été ajustée au niveau de vos encaissements des douze "
                    "derniers mois, comme le prévoit le contrat ; nous restons prêts à "
                    "l'examiner de nouveau sur vos comptes annuels.", None, ""),
}  # fmt: skip


class ComplaintsBuilder(DemoState):
    def _strasbourg(self) -> tuple[Branch, User]:
        branch = Branch.objects.create(
            code="STR01", name="Agence de Strasbourg Kléber", city="Strasbourg",
            address="12 place Kléber", postcode="67000", departement="67",
        )  # fmt: skip
        manager = User(
            username="manager4", first_name="Élodie", last_name="Schmitt", role=Role.MANAGER,
            branch=branch, email="manager4@demo.probanker.fr",
        )  # fmt: skip
        manager.set_password(DEMO_PASSWORD)
        manager.save()
        return branch, manager

    def _officer(self) -> User:
        officer = User(
            username="reclamations", first_name="Sophie", last_name="Marchand",
            role=Role.COMPLAINTS, email="reclamations@demo.probanker.fr",
        )  # fmt: skip
        officer.set_password(DEMO_PASSWORD)
        officer.save()
        return officer

    def _prospects(self, branch: Branch, manager: User, count: int) -> list[Party]:
        parties = []
        for _ in range(count):
            plan = self.plan_party(manager, branch, client=False)  # type: ignore[attr-defined]
            plan.party.postal_code, plan.party.city = "67000", "Strasbourg"
            plan.party.save()
            # The business bears its owner's name: the owner is recorded with the party.
            plan.principal.save()
            PartyRole.objects.create(party=plan.party, person=plan.principal, role="principal",
                                     share_percent=None if plan.sole_trader else Decimal(100))  # fmt: skip
            assert plan.accessibility is not None
            plan.accessibility.party = plan.party
            plan.accessibility.save()
            parties.append(plan.party)
        return parties

    def _adapted(self, party: Party, need: str, note: str) -> None:
        """Make sure a client of the demo asks for an adapted document."""
        profile, _ = AccessibilityProfile.objects.get_or_create(party=party)
        setattr(profile, need, True)
        profile.notes = profile.notes or note
        profile.save()

    def _via(self, party: Party) -> str:
        """Paper, unless the party's profile (read afresh: other demo steps record
        profiles after the party was loaded) rules it out — then e-mail."""
        fresh = Party.objects.select_related("accessibility").get(pk=party.pk)
        profile = profile_of(fresh)
        return "email" if profile is not None and profile.screen_reader_documents else "mail"

    def _documents(self, c: Complaint, actor: User) -> None:
        """What the client sent, joined as received: the e-mail as it came in, the letter
        as a PDF (a scanned letter would be one), a web form's message as text."""
        contact = f"{c.party.name} <contact@{c.party.pk}.demo.probanker.fr>"
        if c.channel == "email":
            name, data = (
                "message-client.eml",
                (
                    f"From: {contact}\nTo: agence@demo.probanker.fr\nSubject: {c.subject}\n"
                    f"Date: {c.received_on:%d/%m/%Y}\n\nBonjour,\n\n{c.description}\n\n"
                    f"Merci de me répondre rapidement.\n{c.party.name}\n"
                ).encode(),
            )
        elif c.channel == "site":
            name, data = (
                "formulaire-site.txt",
                (
                    f"Formulaire de réclamation du site — {c.received_on:%d/%m/%Y}\n"
                    f"Client : {c.party.name}\nObjet : {c.subject}\n\n{c.description}\n"
                ).encode(),
            )
        elif c.channel == "courrier":
            name, data = "courrier-client.pdf", self._letter_pdf(c)
        else:
            return
        joined, _ = services.attach(actor=actor, complaint=c, name=name, chunks=[data],
                                    label="Réclamation du client telle que reçue")  # fmt: skip
        # Joined the morning it came in, not the moment the demo was built.
        morning = dt.datetime.combine(c.received_on, dt.time(9, 30), tzinfo=PARIS)
        Attachment.objects.filter(pk=joined.pk).update(uploaded_at=morning)

    @staticmethod
    def _letter_pdf(c: Complaint) -> bytes:
        """The client's letter, one page."""
        from weasyprint import HTML

        sent = c.sent_on or c.received_on
        body = (
            f"<html lang='fr'><head><title>Courrier de {escape(c.party.name)}</title></head>"
            f"<body style='font: 11pt sans-serif; margin: 2cm'><p>{escape(c.party.name)}</p>"
            f"<p style='text-align: right'>Le {sent:%d/%m/%Y}</p>"
            f"<p><strong>Objet : {escape(c.subject)}</strong></p><p>Madame, Monsieur,</p>"
            f"<p>{escape(c.description)}</p><p>Je vous remercie de bien vouloir régulariser "
            "cette situation dans les meilleurs délais.</p><p>Veuillez agréer, Madame, "
            "Monsieur, mes salutations distinguées.</p></body></html>"
        )
        return bytes(HTML(string=body).write_pdf())

    def _advance(self, c: Complaint, state: str, actor: User, received: dt.date) -> None:
        def day(offset: int) -> dt.date:
            """The first day the bank works on or after ``offset`` days, by the demo's date."""
            when = received + dt.timedelta(days=offset)
            while not is_business_day(when, c.branch.departement):
                when += dt.timedelta(days=1)
            return min(when, last_business_day_on_or_before(self.as_of))

        via = self._via(c.party)
        if state in {"recue", "overdue_ack"}:
            return
        if state == "attente":
            services.acknowledge(actor=actor, complaint=c, on=day(1), via=via)
            services.holding_reply(actor=actor, complaint=c, on=day(6), via=via,
                                   reason="Enquête ouverte auprès de la banque du bénéficiaire, "
                                          "qui n'a pas encore répondu.")  # fmt: skip
            return
        services.acknowledge(actor=actor, complaint=c, on=day(2), via=via)
        if state in {"accusee", "overdue_answer"}:
            return
        text, refund, gesture = ANSWERS[state]
        # Handling times spread as they are: a week or two for payments, two to six weeks.
        answered = day(6 + c.pk % 6 if c.payment_service else 14 + (c.pk * 7) % 29)
        services.answer(actor=actor, complaint=c, on=answered, outcome=state, text=text,
                        refund=refund, gesture=gesture, via=via)  # fmt: skip
        if state == "partielle":
            services.refer_to_mediator(actor=actor, complaint=c, on=day(60))
        if state in {"partielle", "defavorable"} or c.typology == "accessibilite":
            services.record_analysis(
                actor=actor, complaint=c,
                root_cause={"partielle": "Résiliation du TPE non transmise au prestataire.",
                            "defavorable": "Décision de réduction expliquée par courrier "
                                           "type, sans entretien préalable."}.get(
                    state, "Agence sans rampe d'accès amovible."),
                corrective_action={"partielle": "Contrôle mensuel des résiliations de TPE.",
                                   "defavorable": "Entretien systématique avant toute "
                                                  "réduction d'autorisation."}.get(
                    state, "Rampe amovible achetée, sonnette d'appel posée à l'entrée."),
            )  # fmt: skip

    def build_complaints(self) -> int:
        Branch.objects.filter(code="TRS01", departement="").update(departement="37")
        branch, manager4 = self._strasbourg()
        self._officer()
        Mediator.objects.create(
            name="Médiateur auprès de probanker (valeur de démonstration)",
            address="Service de la médiation\n10 rue de la Démonstration\n75009 Paris",
            website="https://mediation.demo.probanker.fr",
        )
        prospects = self._prospects(branch, manager4, 4)
        clients = list(
            Party.objects.filter(kind="client", branch__code="TRS01")
            .select_related("manager", "accessibility")
            .order_by("pk")
        )
        # Round the managers, so each portfolio has its share; spread within each.
        by_manager: dict[int, list[Party]] = {}
        for party in clients:
            by_manager.setdefault(party.manager_id, []).append(party)
        portfolios = [by_manager[k] for k in sorted(by_manager)]
        chosen = []
        for i in range(len(SCENARIOS)):
            portfolio = portfolios[i % len(portfolios)]
            chosen.append(portfolio[(i // len(portfolios) * 5 + 2) % len(portfolio)])
        self._adapted(chosen[10], "large_print", "Basse vision : courriers en corps 18.")
        self._adapted(chosen[12], "plain_language", "Préfère des courriers en langage clair.")
        self._adapted(chosen[9], "reduced_mobility", "Se déplace en fauteuil roulant.")
        count = 0
        for party, (ago, channel, typology, product, payment, state, subject, text) in zip(
            chosen, SCENARIOS, strict=True
        ):
            party.refresh_from_db()
            received = self.as_of - dt.timedelta(days=ago)
            c = services.receive(
                actor=party.manager, party=party, received_on=received, channel=channel,
                subject=subject, description=text, payment_service=payment,
                typology=typology, product=self.products.get(product) if product else None,
                sent_on=received - dt.timedelta(days=2) if channel == "courrier" else None,
            )  # fmt: skip
            self._documents(c, party.manager)
            self._advance(c, state, party.manager, received)
            count += 1
        # The Strasbourg branch: its deadlines follow the Bas-Rhin calendar.
        opening = services.receive(
            actor=manager4, party=prospects[0], received_on=self.as_of - dt.timedelta(days=6),
            channel="agence", typology="compte", product=self.products.get("current_account"),
            subject="Ouverture de compte en attente",
            description="Dossier complet déposé, compte toujours pas ouvert une semaine après.",
            complainant_type="prospect",
        )  # fmt: skip
        services.acknowledge(
            actor=manager4, complaint=opening, on=opening.received_on, via=self._via(prospects[0])
        )
        # What the daily batch did each business day of the last months, up to this morning:
        # an overdue complaint is escalated the day after its deadline, not today.
        for day in [*business_days(self.as_of - dt.timedelta(days=120), self.as_of), self.as_of]:
            services.daily_review(day)
        return count + 1
