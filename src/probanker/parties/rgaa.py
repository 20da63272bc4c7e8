"""RGAA computations: a criterion's result over the sample, the compliance rate, the
statement's level, and reading the official ``criteres.json``.

RGAA 4.1 (méthode): a criterion is *conforme* when it is conforme on every page of the
sample where it applies, *non conforme* when it is non conforme on at least one, *non
applicable* when it applies nowhere. The rate is conforming criteria / applicable
criteria (conformes + non conformes). The statement says « totalement conforme » at
100 %, « partiellement conforme » from 50 %, « non conforme » below 50 % (and without
an audit).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from probanker.parties.rgaa_models import Verdict

CONFORM, NOT_CONFORM, NOT_APPLICABLE = Verdict.CONFORM, Verdict.NOT_CONFORM, Verdict.NOT_APPLICABLE

#: RGAA 4.1: the 13 themes and their count of criteria (106 in all).
THEMES = (
    (1, "Images", 9), (2, "Cadres", 2), (3, "Couleurs", 3), (4, "Multimédia", 13),
    (5, "Tableaux", 8), (6, "Liens", 2), (7, "Scripts", 5), (8, "Éléments obligatoires", 10),
    (9, "Structuration de l'information", 4), (10, "Présentation de l'information", 14),
    (11, "Formulaires", 13), (12, "Navigation", 11), (13, "Consultation", 12),
)  # fmt: skip


def criterion_codes() -> list[str]:
    """``1.1`` … ``13.12``: the 106 criteria in order."""
    return [f"{theme}.{n}" for theme, _, count in THEMES for n in range(1, count + 1)]


def criterion_verdict(verdicts: Iterable[str]) -> str | None:
    """The criterion over the sample (``None`` when no page was evaluated)."""
    seen = set(verdicts)
    if not seen:
        return None
    if NOT_CONFORM in seen:
        return NOT_CONFORM
    if CONFORM in seen:
        return CONFORM
    return NOT_APPLICABLE


@dataclass(frozen=True)
class Compliance:
    conform: int
    not_conform: int
    not_applicable: int
    not_evaluated: int

    @property
    def applicable(self) -> int:
        return self.conform + self.not_conform

    @property
    def rate(self) -> Decimal | None:
        """Conforming / applicable criteria, in percent with two decimals."""
        if not self.applicable:
            return None
        return (Decimal(100) * self.conform / self.applicable).quantize(
            Decimal("0.01"), ROUND_HALF_UP
        )

    @property
    def complete(self) -> bool:
        return self.not_evaluated == 0

    @property
    def level(self) -> str:
        """The statement's level: totalement, partiellement or non conforme."""
        rate = self.rate
        if rate is None or rate < 50:
            return "non conforme"
        return "totalement conforme" if rate == 100 else "partiellement conforme"


def compliance(by_criterion: dict[str, list[str]], codes: Iterable[str]) -> Compliance:
    """The audit's figures from each criterion's verdicts on the pages evaluated."""
    counts: dict[str | None, int] = {CONFORM: 0, NOT_CONFORM: 0, NOT_APPLICABLE: 0, None: 0}
    for code in codes:
        counts[criterion_verdict(by_criterion.get(code, []))] += 1
    return Compliance(counts[CONFORM], counts[NOT_CONFORM], counts[NOT_APPLICABLE], counts[None])


_LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")


def plain(text: str) -> str:
    """The criterion's text without its glossary links (``[image](#image)`` → ``image``)."""
    return _LINK.sub(r"\1", text).strip()


class RgaaFileError(ValueError):
    """The file is not the official criteria file; the message says where."""


@dataclass(frozen=True)
class CriterionText:
    code: str
    title: str
    tests: dict[str, list[str]]
    wcag: str


def parse_criteria(data: bytes, source: str) -> list[CriterionText]:
    """The 106 criteria of ``criteres.json`` (``topics[].criteria[].criterium``).

    Raises:
        RgaaFileError: unreadable JSON, a missing key, a criterion unknown to RGAA 4.1
            or the 106 not all there — naming the file and the topic or criterion.
    """
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RgaaFileError(f"{source} : JSON illisible ({exc}).") from None
    if not isinstance(document, dict) or not isinstance(document.get("topics"), list):
        raise RgaaFileError(f"{source} : clé « topics » absente : ce n'est pas criteres.json.")
    known = set(criterion_codes())
    found: dict[str, CriterionText] = {}
    for t_index, topic in enumerate(document["topics"], start=1):
        where = f"{source} : thématique n° {t_index}"
        if not isinstance(topic, dict) or not isinstance(topic.get("criteria"), list):
            raise RgaaFileError(f"{where} : clé « criteria » absente.")
        number = topic.get("number")
        for entry in topic["criteria"]:
            item = entry.get("criterium") if isinstance(entry, dict) else None
            if not isinstance(item, dict) or not isinstance(item.get("title"), str):
                raise RgaaFileError(f"{where} : critère sans « criterium.title ».")
            code = f"{number}.{item.get('number')}"
            if code not in known:
                raise RgaaFileError(f"{where} : critère {code} inconnu du RGAA 4.1.")
            raw = item.get("tests")
            tests: dict[str, list[str]] = raw if isinstance(raw, dict) else {}
            refs = [r for ref in item.get("references", []) if isinstance(ref, dict)
                    for r in ref.get("wcag", [])]  # fmt: skip
            found[code] = CriterionText(code, plain(item["title"]), tests, "; ".join(refs)[:400])
    missing = [c for c in criterion_codes() if c not in found]
    if missing:
        raise RgaaFileError(
            f"{source} : {len(missing)} critère(s) absent(s) : {', '.join(missing[:10])}."
        )
    return [found[c] for c in criterion_codes()]
