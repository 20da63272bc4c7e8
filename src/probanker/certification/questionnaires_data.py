"""The questionnaires of the référentiel's « questionnaire par thématique » modality: one per
block and theme, each question with its proposed answers in the order shown and the answer
key (``True``: exactly one per question).

The answers follow the rules probanker encodes (DOMAIN.md): ACPR 2022-R-01 and L133-45 CMF
for complaints, articles 2297 and 2302 of the Code civil for guarantors, the prudential
definition of default.
"""

from __future__ import annotations

# (code, block, theme, title, [(question, [(answer, correct)])])
Questionnaire = tuple[str, str, str, str, list[tuple[str, list[tuple[str, bool]]]]]

QUESTIONNAIRES: list[Questionnaire] = [
    ("BC01-analyse", "RNCP38026BC01", "Analyse financière du client professionnel",
     "Diagnostic financier et rentabilité du portefeuille", [
        ("La capacité d'autofinancement (CAF) mesure :", [
            ("le chiffre d'affaires encaissé sur l'exercice", False),
            ("les ressources que l'activité dégage pour rembourser, investir ou distribuer", True),
            ("la trésorerie disponible à la clôture", False)]),
        ("Le besoin en fonds de roulement d'exploitation augmente quand :", [
            ("les délais de paiement accordés aux clients s'allongent", True),
            ("les fournisseurs sont payés plus tard", False),
            ("le stock diminue", False)]),
        ("Dans un fichier des écritures comptables (FEC), chaque écriture doit être :", [
            ("saisie le dernier jour du mois", False),
            ("rattachée au SIRET d'un établissement", False),
            ("équilibrée : le total des débits égale celui des crédits", True)]),
        ("Le produit net bancaire (PNB) d'un client comprend :", [
            ("les marges d'intérêts et les commissions qu'il rapporte à la banque", True),
            ("l'encours de ses crédits", False),
            ("le total de ses dépôts", False)]),
        ("Une part de flux confiés de 40 % signifie que :", [
            ("40 % de ses crédits sont chez nous", False),
            ("40 % de son chiffre d'affaires transite par ses comptes chez nous", True),
            ("40 % de ses charges sont prélevées sur son compte", False)]),
    ]),
    ("BC02-conseil", "RNCP38026BC02", "Conseil et vente au professionnel",
     "Entretien, solutions et conditions", [
        ("La phase de découverte d'un entretien sert d'abord à :", [
            ("présenter l'offre commerciale du moment", False),
            ("identifier les besoins professionnels et privés du client", True),
            ("conclure la vente", False)]),
        ("Un entrepreneur individuel sans contrat de prévoyance est exposé :", [
            ("à une perte de revenus en cas d'arrêt de travail", True),
            ("à un contrôle fiscal", False),
            ("à la clôture de son compte professionnel", False)]),
        ("La personne physique qui se porte caution d'un prêt professionnel doit :", [
            ("être associée de la société emprunteuse", False),
            ("apposer elle-même la mention prévue par l'article 2297 du Code civil", True),
            ("habiter le département de l'agence", False)]),
        ("Un client sourd qui le demande est reçu en rendez-vous :", [
            ("avec un interprète en langue des signes ou une transcription en temps réel", True),
            ("par un appel téléphonique classique", False),
            ("sans adaptation particulière", False)]),
        ("Une condition tarifaire au-delà de sa délégation :", [
            ("est accordée puis signalée au directeur", False),
            ("est refusée d'office", False),
            ("est soumise au niveau de décision supérieur", True)]),
    ]),
    ("BC03-prospection", "RNCP38026BC03", "Prospection du marché des professionnels",
     "Cibles, répertoire SIRENE et organisation", [
        ("Dans le répertoire SIRENE, un établissement est identifié par :", [
            ("son SIRET : le SIREN de l'entreprise suivi d'un NIC, 14 chiffres", True),
            ("son numéro de TVA intracommunautaire", False),
            ("son code NAF", False)]),
        ("Les données masquées « [ND] » d'une unité en diffusion partielle :", [
            ("se retrouvent sur le site de l'INSEE", False),
            ("ne sont pas diffusées et ne servent pas à la prospection", True),
            ("sont réservées aux clients de la banque", False)]),
        ("Le code NAF (APE) d'une entreprise indique :", [
            ("sa forme juridique", False),
            ("sa tranche d'effectif", False),
            ("son activité principale", True)]),
        ("Un prescripteur est :", [
            ("un professionnel (expert-comptable, notaire, chambre consulaire) qui recommande ses clients", True),
            ("un client en défaut de paiement", False),
            ("un fournisseur de la banque", False)]),
        ("Une journée de visites bien programmée :", [
            ("enchaîne les rendez-vous dans l'ordre de leur prise", False),
            ("regroupe les rendez-vous par secteur, dans leurs créneaux, pour limiter les trajets", True),
            ("commence par le prospect le plus éloigné de l'agence", False)]),
    ]),
    ("BC04-conformite", "RNCP38026BC04", "Risques, réclamations et conformité",
     "Suivi des risques et traitement des réclamations", [
        ("Selon la recommandation ACPR 2022-R-01, une réclamation est accusée réception :", [
            ("dans les 10 jours ouvrables, sauf si la réponse est envoyée dans ce délai", True),
            ("dans les 48 heures", False),
            ("dans le mois", False)]),
        ("Hors services de paiement, la réponse à une réclamation est due dans :", [
            ("quinze jours", False),
            ("deux mois", True),
            ("six mois", False)]),
        ("Une réclamation portant sur un service de paiement reçoit sa réponse :", [
            ("sous deux mois", False),
            ("sous 10 jours calendaires", False),
            ("sous 15 jours ouvrables, 35 au plus après une réponse d'attente", True)]),
        ("Un client en dépassement significatif depuis plus de 90 jours est :", [
            ("en défaut au sens de la réglementation prudentielle", True),
            ("sain tant que son compte est créditeur une fois par mois", False),
            ("radié du fichier des clients", False)]),
        ("La caution d'un prêt est informée chaque année, avant le 31 mars :", [
            ("seulement si une échéance est impayée", False),
            ("du montant de la dette garantie au 31 décembre précédent (art. 2302 du Code civil)", True),
            ("de l'évolution du taux d'usure", False)]),
    ]),
]  # fmt: skip
