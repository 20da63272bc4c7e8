"""The référentiel of RNCP38026 (CQP « Chargé de clientèle de professionnels »), as data.

Copied word for word from the certification's text (France compétences' record,
``shared/seed/000_e88b6cdeee1e352c.txt``): four blocks, their competencies (6, 8, 6
and 8) and their evaluation modalities. The data migration ``0002_referentiel``
seeds the tables from here; nothing reads the seed file at runtime.
"""

from __future__ import annotations

from typing import Final

CODE: Final = "RNCP38026"
TITLE: Final = "CQP Chargé de clientèle de professionnels"
CERTIFIER: Final = (
    "Commission paritaire nationale de l'emploi (CPNE) de la branche du crédit mutuel - "
    "Confédération nationale du crédit mutuel (CNCM)"
)
#: The prerequisite to the certification's validation, as the text words it.
AMF_PREREQUISITE: Final = (
    "Certification AMF (Articles 313-7-1 à 313-7-3 et article 313-39 du livre III du "
    "règlement général de l’AMF)."
)
#: The jury's composition (CPNE deliberation of 23 November 2016).
JURY_RULE: Final = "La composition du jury de trois membres est conforme à la délibération de la CPNE du 23 novembre 2016"

#: (code, title, competencies, modalities as (code, label)), in the text's order.
BLOCKS: Final[tuple[tuple[str, str, tuple[str, ...], tuple[tuple[str, str], ...]], ...]] = (
    (
        "RNCP38026BC01",
        "Organiser et analyser le portefeuille de professionnels",
        (
            "Réaliser le diagnostic de son portefeuille, de son environnement et de son potentiel de développement à l’aide des outils adaptés, en vue de définir les objectifs de l’action commerciale à mener",
            "Définir son action commerciale en cohérence avec les objectifs issus du diagnostic et en s'appuyant sur le plan d'action commerciale de la banque, afin d’assurer son efficacité dans la durée",
            "Réaliser le diagnostic financier des clients professionnels, sur la base de ratios pertinents, afin d’évaluer leur potentiel de revenu et leur capacité d’endettement",
            "Exploiter les données socio commerciales, économiques et financières des clients professionnels, dans le but d’identifier les opportunités et les risques susceptibles d’affecter le portefeuille",
            "Evaluer la pertinence des projets à financer et constituer les dossiers de financement dans le but de prévenir les risques inhérents à ceux-ci et à la situation d’un client professionnel",
            "Identifier les principaux signaux d'alerte à mettre en place, en vue de définir une stratégie de prévention et de traitement des dégradations",
        ),
        (
            ("etude_de_cas", "Etude de cas"),
            ("mise_en_situation", "Mise en situation professionnelle"),
            ("questionnaire", "Questionnaire (déclinaison par thématique)"),
            (
                "document_synthese",
                "Document de synthèse, argumenté pour présentation à la commission d’évaluation",
            ),
        ),
    ),
    (
        "RNCP38026BC02",
        "Conseiller / Vendre à un client professionnel",
        (
            "Situer le cadre de l'entretien en s'adaptant au client et à sa situation, afin d’établir un climat de confiance adapté à la découverte de ses besoins",
            "Découvrir les besoins du client en pratiquant un questionnement efficace, en vue de préciser les objectifs à atteindre et, le cas échéant, de valoriser l’intervention du spécialiste",
            "Rechercher et mettre en évidence, à l’aide de spécialistes, la meilleure adéquation entre les besoins du client et les solutions disponibles en termes de produits et de services de la gamme des professionnels",
            "Argumenter les différents aspects des dossiers de financement en vue d’adapter l’offre au profil risque d’un client professionnel",
            "Conduire ses entretiens à l’aide des outils mis à disposition par son établissement bancaire (profil client, gestion des opportunités, guides d’entretien, etc.), afin de garantir la fiabilité des solutions envisagées",
            "Souscrire des produits et services adaptés au client et négocier des conditions contractuelles profitables aux deux parties en vue d’assurer la fidélisation du client sur la durée",
            "Mettre en œuvre une démarche d'après-vente valorisante et respectueuse des engagements, en utilisant les évènements comme occasions de nouveaux contacts, afin de renforcer la confiance de ses clients professionnels",
            "Mettre en œuvre les dispositifs numériques d’information et de communication avec le client, en prenant en compte les situations de handicap, dans le but d’assurer le suivi de la relation et de renforcer la confiance du client",
        ),
        (
            (
                "mise_en_situation_formalisee",
                "Mise en situation professionnelle avec formalisation (livret, compte rendu d’entretien, indicateurs d’activités)",
            ),
            ("rapport_activite", "Rapport d’activité lié à l’activité commerciale"),
        ),
    ),
    (
        "RNCP38026BC03",
        "Prospecter sur le marché des professionnels",
        (
            "Construire des actions commerciales dans des secteurs d’activité propices à leur mise en œuvre, en accord avec les objectifs de développement de la banque, dans le but de conquérir de nouveaux clients professionnels",
            "Utiliser les outils et méthodologies mis à disposition par son établissement bancaire, en vue de préparer efficacement ses actions de prospection",
            "Organiser la gestion de son temps, grâce à une programmation rationnelle des rendez-vous et à l’utilisation des outils numériques, afin d’optimiser les résultats d’une action commerciale",
            "Mener des entretiens de prospection à l’aide de guides d’entretien et selon une méthodologie adaptée, dans le but de conquérir de nouveaux clients",
            "Solliciter des recommandations auprès de ses clients, en vue d’élargir la prospection",
            "Représenter son entreprise bancaire en externe, lors de manifestations ou d’animations de réunions professionnelles, afin de multiplier les contacts et d’identifier de nouveaux prospects",
        ),
        (
            (
                "mise_en_situation_formalisee",
                "Mise en situation professionnelle avec formalisation (livret, compte rendu d’entretien, indicateurs d’activités)",
            ),
            ("rapport_activite", "Rapport d’activité lié à l’activité commerciale"),
        ),
    ),
    (
        "RNCP38026BC04",
        "Suivre / Vérifier les opération banque-assurance du marché des professionnels",
        (
            "Adapter la garantie au crédit professionnel, en vue d’assurer une couverture par sûretés réelles ou personnelles adaptées",
            "Assurer la conformité des dossiers de crédit aux normes réglementaires et évolutions législatives, dans le but de sécuriser les contrats conclus avec un client professionnel",
            "Anticiper le renouvellement des lignes crédit, grâce au suivi de l’activité d’un client professionnel, afin d’éviter tout risque de rupture",
            "Suivre l’évolution des indicateurs risques au quotidien du portefeuille de clients professionnels, en vue de détecter les signaux d’alerte et d’éviter les dégradations",
            "Intervenir immédiatement dès la détection de la dégradation, en appliquant les procédures requises par son établissement bancaire dans le cadre contractuel, dans le but d’identifier les raisons de celle-ci et de négocier des mesures correctives avec son client professionnel",
            "Traiter les réclamations d’un client professionnel en visant efficacité et préservation de la relation",
            "Analyser les difficultés d’un client professionnel en situation de handicap, sur le fondement du référentiel général d’amélioration de l’accessibilité (RGAA), dans le but de faciliter son information et sa gestion quotidienne des dossiers de financement",
            "Concevoir des solutions physiques et des interfaces numériques adaptés aux personnes en situation de handicap, en concertation avec leurs associations, afin de répondre à leurs besoins dans la relation avec la banque",
        ),
        (
            ("mise_en_situation", "Mise en situation professionnelle"),
            ("questionnaire", "Questionnaire (déclinaison par thématique)"),
        ),
    ),
)

#: The seed's statistics table, per year of obtaining the certification: certified,
#: of whom by VAE, overall insertion at 6 months, in the target job at 6 months and
#: at 2 years (percent; ``None`` where the text gives « - »).
PUBLISHED_STATISTICS: Final[
    tuple[tuple[int, int, int, int | None, int | None, int | None], ...]
] = (
    (2022, 372, 0, 100, 94, None),
    (2021, 312, 0, 100, 89, None),
)
