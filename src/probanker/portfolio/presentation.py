"""French labels of the portfolio's codes: attrition signals, potential components."""

from __future__ import annotations

ATTRITION: dict[str, str] = {
    "falling_turnover": "Flux créditeurs en baisse de plus de 20 % (sur un an, ou sur six mois faute d'historique)",
    "closed_products": "Produits clos dans les douze derniers mois",
    "deposits_out": "Soldes créditeurs moyens en baisse de plus de 30 % (90 jours)",
    "no_contact": "Aucun contact depuis un an",
    "owner_retirement": "Dirigeant en âge de la retraite (62 ans ou plus)",
}

POTENTIAL: dict[str, tuple[str, int]] = {
    "flows": ("Flux non confiés", 30),
    "families": ("Familles manquantes face aux pairs", 30),
    "size": ("Taille (chiffre d'affaires)", 20),
    "growth": ("Croissance des flux", 20),
    "risk": ("Client dégradé : un risque, pas une cible", 0),
}


def attrition_labels(codes: list[str]) -> list[str]:
    """The French label of each signal, in the order given."""
    return [ATTRITION.get(code, code) for code in codes]


def potential_rows(parts: dict[str, int]) -> list[tuple[str, int, int]]:
    """(label, points, maximum) of each component of a potential score."""
    return [(POTENTIAL[key][0], points, POTENTIAL[key][1]) for key, points in parts.items()]
