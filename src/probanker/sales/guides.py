"""The interview guides as data, their checking, and the reading of answers.

A guide is a list of sections, each a list of questions. A question has a
``key`` (unique in the guide), a ``label``, a ``type`` (:data:`TYPES`), the
``choices`` of a ``choice`` question, and may name a ``need`` of :data:`NEEDS`
that its answer reveals: a ``yes_no`` answered yes, an ``amount`` above zero, a
``text`` or ``date`` answered, or a ``choice`` among ``need_when``.

:func:`default_guides` builds the seeded guides: for each situation, the same
core for every segment, a section of the segment's own questions, and — where the
situation calls for it — the owner's private needs (household, retirement,
protection, savings).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

TYPES = {
    "text": "texte",
    "choice": "choix",
    "amount": "montant",
    "number": "nombre",
    "date": "date",
    "yes_no": "oui/non",
}

#: Needs an answer may reveal, with their label in the client's profile.
NEEDS: dict[str, str] = {
    "financement_equipement": "Financer un équipement ou un véhicule",
    "immobilier_pro": "Acquérir ou aménager ses locaux",
    "tresorerie": "Couvrir un besoin de trésorerie",
    "encaissement_cb": "Encaisser les cartes en magasin",
    "vente_en_ligne": "Encaisser des ventes en ligne",
    "affacturage": "Financer ses factures clients",
    "credit_bail": "Louer plutôt qu'acheter un matériel",
    "international": "Acheter ou vendre à l'étranger",
    "epargne_excedent": "Placer un excédent de trésorerie",
    "protection_activite": "Assurer ses locaux et son activité",
    "homme_cle": "Protéger l'entreprise contre la perte d'une personne clé",
    "epargne_salariale": "Associer les salariés aux résultats",
    "retraite_dirigeant": "Préparer la retraite du dirigeant",
    "prevoyance_dirigeant": "Protéger le dirigeant et sa famille (prévoyance)",
    "epargne_dirigeant": "Épargner à titre personnel",
    "transmission": "Préparer la transmission de l'entreprise",
}

SEGMENT_TITLES = {
    "artisan": "artisan",
    "commercant": "commerçant",
    "liberal": "profession libérale",
    "tpe": "TPE",
}


def need_label(code: str) -> str:
    """The need's label (its code when unknown)."""
    return NEEDS.get(code, code)


def _q(key: str, label: str, kind: str = "text", **extra: Any) -> dict[str, Any]:
    return {"key": key, "label": label, "type": kind, **extra}


def _yes(key: str, label: str, need: str) -> dict[str, Any]:
    return _q(key, label, "yes_no", need=need)


FRAME = {
    "title": "Cadre de l'entretien",
    "questions": [
        _q("objet", "Objet de l'entretien, tel que le client l'exprime"),
        _q("interlocuteurs", "Personnes présentes (rôle dans l'entreprise)"),
    ],
}

ACTIVITY = {
    "title": "L'activité",
    "questions": [
        _q("activite", "Activité, clientèle et saisonnalité"),
        _q("tendance", "Évolution de l'activité cette année", "choice",
           choices=["en hausse", "stable", "en baisse"]),
        _q("salaries", "Nombre de salariés aujourd'hui", "number"),
        _yes("projet_equipement", "Un équipement ou un véhicule à financer ?",
             "financement_equipement"),
        _q("montant_equipement", "Montant estimé de l'équipement (€)", "amount",
           need="financement_equipement"),
        _yes("tension_tresorerie", "Des tensions de trésorerie (saison, délais clients) ?",
             "tresorerie"),
        _yes("excedent", "Un excédent de trésorerie durable ?", "epargne_excedent"),
        _yes("assurance_locaux", "Locaux et matériel sont-ils assurés chez un autre assureur "
             "ou pas du tout ?", "protection_activite"),
    ],
}  # fmt: skip

SEGMENT_SECTIONS: dict[str, dict[str, Any]] = {
    "artisan": {
        "title": "Le métier d'artisan",
        "questions": [
            _q("chantiers", "Carnet de commandes (mois de chantiers devant soi)", "number"),
            _yes("vehicule", "Renouveler un véhicule utilitaire ?", "credit_bail"),
            _yes("acomptes", "Des clients qui paient à 60 jours ou plus ?", "affacturage"),
            _yes("apprenti", "Un apprenti ou un compagnon clé dont dépend l'activité ?",
                 "homme_cle"),
        ],
    },
    "commercant": {
        "title": "Le commerce",
        "questions": [
            _q("emplacement", "Emplacement et bail (échéance, loyer)"),
            _yes("terminal", "Encaisser davantage par carte (terminal, sans contact) ?",
                 "encaissement_cb"),
            _yes("site", "Vendre en ligne ou prendre des commandes à distance ?",
                 "vente_en_ligne"),
            _yes("stock", "Un stock à financer avant la saison ?", "tresorerie"),
        ],
    },
    "liberal": {
        "title": "L'exercice libéral",
        "questions": [
            _q("mode_exercice", "Mode d'exercice", "choice",
               choices=["individuel", "en société (SEL, SCP)", "en cabinet de groupe"]),
            _yes("cabinet", "Acheter ou aménager le cabinet ?", "immobilier_pro"),
            _yes("materiel", "Du matériel professionnel à renouveler ?",
                 "financement_equipement"),
            _yes("arret", "Couverture en cas d'arrêt de travail jugée insuffisante ?",
                 "prevoyance_dirigeant"),
        ],
    },
    "tpe": {
        "title": "La petite entreprise",
        "questions": [
            _q("organisation", "Organisation (associés, fonctions clés)"),
            _yes("export", "Des clients ou des fournisseurs à l'étranger ?", "international"),
            _yes("interessement", "Associer les salariés aux résultats (intéressement, PEE) ?",
                 "epargne_salariale"),
            _yes("factures", "Des factures clients à financer ?", "affacturage"),
        ],
    },
}  # fmt: skip

PRIVATE = {
    "title": "Les besoins privés du dirigeant",
    "questions": [
        _q("foyer", "Situation familiale (conjoint, enfants à charge)", "choice",
           choices=["seul", "en couple sans enfant", "en couple avec enfants",
                    "parent isolé"]),
        _q("age_retraite", "Âge de départ à la retraite envisagé", "number"),
        _yes("retraite", "Souhaite compléter sa retraite ?", "retraite_dirigeant"),
        _q("prevoyance", "Sa famille serait-elle protégée s'il ne pouvait plus travailler ?",
           "yes_no", need="prevoyance_dirigeant", need_when=["non"]),
        _yes("epargne_perso", "Souhaite épargner à titre personnel ?", "epargne_dirigeant"),
    ],
}  # fmt: skip

CONCLUSION = {
    "title": "Conclusion",
    "questions": [
        _q("priorite", "La priorité du client pour les six prochains mois"),
        _q("prochain_contact", "Date du prochain contact convenue", "date"),
    ],
}

SITUATION_SECTIONS: dict[str, list[dict[str, Any]]] = {
    "decouverte": [
        {"title": "Le parcours", "questions": [
            _q("parcours", "Parcours du dirigeant, origine de l'entreprise"),
            _q("autres_banques", "Autres banques et ce qui y est détenu"),
            _q("canal", "Comment le client préfère être contacté", "choice",
               choices=["en agence", "téléphone", "courriel", "visioconférence"]),
        ]},
    ],
    "bilan_annuel": [
        {"title": "L'année écoulée", "questions": [
            _q("exercice", "Résultat du dernier exercice, selon le client"),
            _q("satisfaction", "Satisfaction sur la relation", "choice",
               choices=["très satisfait", "satisfait", "peu satisfait"]),
            _q("remarques", "Remarques sur les produits et les conditions"),
        ]},
    ],
    "projet_financement": [
        {"title": "Le projet", "questions": [
            _q("nature_projet", "Nature du projet", "choice",
               choices=["équipement", "véhicule", "locaux", "fonds de commerce",
                        "besoin de trésorerie"],
               need="financement_equipement", need_when=["équipement", "véhicule"]),
            _q("cout_projet", "Coût total du projet (€)", "amount"),
            _q("apport", "Apport personnel ou de l'entreprise (€)", "amount"),
            _q("date_projet", "Date de réalisation souhaitée", "date"),
            _yes("locaux_projet", "Le projet porte-t-il sur les locaux ?", "immobilier_pro"),
            _yes("location", "Le client préférerait-il louer le matériel (crédit-bail) ?",
                 "credit_bail"),
        ]},
    ],
    "installation": [
        {"title": "L'installation", "questions": [
            _q("date_installation", "Date d'installation", "date"),
            _q("statut", "Statut choisi", "choice",
               choices=["entreprise individuelle", "micro-entreprise", "EURL/SASU",
                        "SARL/SAS", "société d'exercice libéral"]),
            _q("besoin_demarrage", "Investissements de démarrage (€)", "amount",
               need="financement_equipement"),
            _yes("local_installation", "Un local à acheter ou à aménager ?", "immobilier_pro"),
            _yes("bfr_installation", "Un besoin de trésorerie au démarrage ?", "tresorerie"),
        ]},
    ],
    "transmission": [
        {"title": "La transmission", "questions": [
            _q("horizon", "Horizon de la cession (années)", "number"),
            _q("repreneur", "Repreneur envisagé", "choice",
               choices=["famille", "salarié", "tiers", "pas encore identifié"]),
            _yes("valorisation", "Souhaite une évaluation de l'entreprise ?", "transmission"),
            _yes("placement_cession", "Réfléchit au placement du prix de cession ?",
                 "epargne_dirigeant"),
        ]},
    ],
    "prevoyance_dirigeant": [
        {"title": "La protection du dirigeant", "questions": [
            _q("regime", "Régime de protection sociale", "choice",
               choices=["TNS (SSI)", "assimilé salarié", "profession libérale (caisse)"]),
            _q("contrat_prevoyance", "Un contrat de prévoyance est-il en place ?", "yes_no",
               need="prevoyance_dirigeant", need_when=["non"]),
            _q("revenu", "Revenu annuel du dirigeant (€)", "amount"),
            _yes("dependance_cle", "L'entreprise dépend-elle d'une personne clé ?", "homme_cle"),
        ]},
    ],
}  # fmt: skip

#: Situations that open the private needs section.
WITH_PRIVATE = {"decouverte", "bilan_annuel", "transmission", "prevoyance_dirigeant"}
#: Situations that speak of the activity's needs.
WITH_ACTIVITY = {"decouverte", "bilan_annuel", "installation", "projet_financement"}

SITUATION_TITLES = {
    "decouverte": "Entretien de découverte",
    "bilan_annuel": "Bilan annuel",
    "projet_financement": "Projet de financement",
    "installation": "Installation",
    "transmission": "Transmission d'entreprise",
    "prevoyance_dirigeant": "Prévoyance du dirigeant",
}


def default_guides() -> list[dict[str, Any]]:
    """The seeded guides: every situation × segment (``situation``, ``segment``,
    ``title``, ``sections``)."""
    guides = []
    for situation, title in SITUATION_TITLES.items():
        for segment, segment_title in SEGMENT_TITLES.items():
            sections = [FRAME, *SITUATION_SECTIONS[situation]]
            if situation in WITH_ACTIVITY:
                sections.append(ACTIVITY)
            sections.append(SEGMENT_SECTIONS[segment])
            if situation in WITH_PRIVATE:
                sections.append(PRIVATE)
            sections.append(CONCLUSION)
            guides.append({
                "situation": situation, "segment": segment,
                "title": f"{title} — {segment_title}", "sections": sections,
            })  # fmt: skip
    return guides


class GuideError(ValueError):
    """A guide that is not well formed; the message says where, in French."""


def _where(s: int, q: int | None = None) -> str:
    return f"section {s}" + (f", question {q}" if q is not None else "")


#: The fields a question may have, and the longest texts a guide holds.
QUESTION_FIELDS = {"key", "label", "type", "choices", "need", "need_when"}
MAX_LABEL = 300
MAX_KEY = 40
MAX_CHOICES = 20
MAX_QUESTIONS = 400


def _check_question(question: Any, s: int, q: int, seen: set[str]) -> None:
    if not isinstance(question, dict):
        raise GuideError(f"{_where(s, q)} : une question est un objet {{key, label, type}}.")
    unknown = sorted(set(question) - QUESTION_FIELDS)
    if unknown:
        raise GuideError(f"{_where(s, q)}, champ « {unknown[0][:40]} » : champ inconnu.")
    for field in ("key", "label", "type"):
        if not isinstance(question.get(field), str) or not question[field].strip():
            raise GuideError(f"{_where(s, q)}, champ « {field} » : texte obligatoire.")
    if len(question["label"]) > MAX_LABEL or len(question["key"]) > MAX_KEY:
        raise GuideError(
            f"{_where(s, q)} : libellé de {MAX_LABEL} caractères et clé de {MAX_KEY} au plus."
        )
    key, kind = question["key"], question["type"]
    if key in seen:
        raise GuideError(f"{_where(s, q)}, champ « key » : « {key} » est déjà utilisé.")
    seen.add(key)
    if kind not in TYPES:
        allowed = ", ".join(TYPES)
        raise GuideError(f"{_where(s, q)}, champ « type » : « {kind} » inconnu ({allowed}).")
    choices = question.get("choices")
    if kind == "choice" and (
        not isinstance(choices, list) or not 2 <= len(choices) <= MAX_CHOICES
        or not all(isinstance(c, str) and c.strip() and len(c) <= MAX_LABEL for c in choices)
        or len(set(choices)) != len(choices)
    ):  # fmt: skip
        raise GuideError(
            f"{_where(s, q)}, champ « choices » : de deux à {MAX_CHOICES} choix, des textes "
            "distincts."
        )
    if kind != "choice" and choices is not None:
        raise GuideError(f"{_where(s, q)}, champ « choices » : réservé aux questions à choix.")
    need = question.get("need")
    if need is not None and (not isinstance(need, str) or need not in NEEDS):
        raise GuideError(f"{_where(s, q)}, champ « need » : besoin « {need} » inconnu.")
    when = question.get("need_when")
    options = {"choice": choices or [], "yes_no": ["oui", "non"]}.get(kind)
    if when is not None and (
        options is None or not isinstance(when, list)
        or not all(isinstance(w, str) for w in when) or not set(when) <= set(options)
    ):  # fmt: skip
        raise GuideError(
            f"{_where(s, q)}, champ « need_when » : des réponses possibles de la question."
        )


def check_sections(sections: Any) -> list[dict[str, Any]]:
    """The sections if well formed; :class:`GuideError` naming the section and question."""
    if not isinstance(sections, list) or not sections:
        raise GuideError("Le guide est une liste de sections, au moins une.")
    seen: set[str] = set()
    for s, section in enumerate(sections, 1):
        title = section.get("title") if isinstance(section, dict) else None
        if not isinstance(title, str) or not title.strip() or len(title) > MAX_LABEL:
            raise GuideError(
                f"{_where(s)}, champ « title » : titre obligatoire ({MAX_LABEL} caractères au plus)."
            )
        unknown = sorted(set(section) - {"title", "questions"})
        if unknown:
            raise GuideError(f"{_where(s)}, champ « {unknown[0][:40]} » : champ inconnu.")
        questions = section.get("questions")
        if not isinstance(questions, list) or not questions:
            raise GuideError(f"{_where(s)}, champ « questions » : au moins une question.")
        if len(seen) + len(questions) > MAX_QUESTIONS:
            raise GuideError(f"Un guide compte {MAX_QUESTIONS} questions au plus.")
        for q, question in enumerate(questions, 1):
            _check_question(question, s, q, seen)
    return sections


def _positive(
    raw: str, below: Decimal, what: str, example: str, limit: str, places: int
) -> Decimal:
    """The number typed (French spaces and decimal comma accepted), rounded to ``places``
    decimals, at least 0 and below ``below``; ``ValueError`` in French naming ``what``."""
    text = raw.replace("\u202f", "").replace("\u00a0", "").replace(" ", "").replace(",", ".")
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(f"{what} en chiffres est attendu (par exemple {example})") from None
    if not value.is_finite():
        raise ValueError(f"{what} en chiffres est attendu (par exemple {example})")
    value = value.quantize(Decimal(1).scaleb(-places))
    if value == 0:
        value = abs(value)  # « -0 » is 0
    if value < 0 or value >= below:
        raise ValueError(f"{what} positif de moins de {limit} est attendu")
    return value


def parse_answer(question: dict[str, Any], raw: str) -> Any:
    """The typed answer of a form's text (``None`` when empty); ``ValueError`` in French."""
    raw = raw.strip()
    if not raw:
        return None
    kind = question["type"]
    if kind == "amount":
        value = _positive(raw, Decimal("1e12"), "un montant", "45 000", "1 000 milliards", 2)
        return str(value)
    if kind == "number":
        number = _positive(raw, Decimal("1e6"), "un nombre", "12", "1 000 000", 2)
        return str(number.quantize(Decimal(1)) if number == number.to_integral() else number)
    if kind == "date":
        try:
            day = dt.date.fromisoformat(raw)
        except ValueError:
            raise ValueError("une date au format AAAA-MM-JJ est attendue") from None
        if not dt.date(1900, 1, 1) <= day <= dt.date(2100, 12, 31):
            raise ValueError("une date entre 1900 et 2100 est attendue")
        return day.isoformat()
    if kind == "yes_no":
        if raw not in ("oui", "non"):
            raise ValueError("répondez « oui » ou « non »")
        return raw
    if kind == "choice" and raw not in question["choices"]:
        raise ValueError("choisissez une des réponses proposées")
    return raw[:2000]


@dataclass(frozen=True)
class RevealedNeed:
    code: str
    detail: str
    amount: Decimal | None


def denied_needs(questions: list[dict[str, Any]], answers: dict[str, Any]) -> set[str]:
    """The needs a yes/no question names and the client answered « non » to."""
    return {
        q["need"] for q in questions
        if q.get("need") and q["type"] == "yes_no" and "need_when" not in q
        and answers.get(q["key"]) == "non"
    }  # fmt: skip


def revealed_needs(questions: list[dict[str, Any]], answers: dict[str, Any]) -> list[RevealedNeed]:
    """The needs the answers reveal (one per need: the first question that names it
    gives the detail; an amount question gives the amount)."""
    found: dict[str, RevealedNeed] = {}
    amounts: dict[str, Decimal] = {}
    for question in questions:
        need, value = question.get("need"), answers.get(question["key"])
        if not need or value in (None, ""):
            continue
        kind = question["type"]
        if kind == "amount":
            if Decimal(value) > 0:
                amounts.setdefault(need, Decimal(value))
                found.setdefault(need, RevealedNeed(need, "", None))
            continue
        if kind == "yes_no" and value not in question.get("need_when", ["oui"]):
            continue
        if kind == "choice" and value not in question.get("need_when", question["choices"]):
            continue
        # A yes says no more than the need's label; a choice or a text is the detail.
        detail = "" if kind == "yes_no" else str(value)
        found.setdefault(need, RevealedNeed(need, detail, None))
    return [RevealedNeed(n.code, n.detail[:240], amounts.get(n.code)) for n in found.values()]
