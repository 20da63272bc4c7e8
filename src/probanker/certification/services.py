"""Every write of the certification, under ``transaction.atomic``, with its rules.

Each function asks the permission table first (``require``); a rule that
refuses raises :class:`FieldProblem` (a :class:`DomainError` naming the field,
so the API's 422 and the forms point at it). The rules: a jury of exactly three,
one per college; no member with a conflict of interest with a candidate
presented to it; a block validated whole, only when every competency's latest
evaluation is ``acquis``; deliberations recorded once, never changed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from probanker.certification.models import (
    AccessRoute,
    Block,
    Candidate,
    College,
    Competency,
    Deliberation,
    Evaluation,
    Jury,
    JuryMember,
    Modality,
    Outcome,
    OutcomeKind,
    Prerequisite,
    Result,
)
from probanker.certification.progress import block_statuses, certifying_deliberation
from probanker.core.formatting import date_fr
from probanker.core.models import Branch, Role, User
from probanker.core.permissions import require
from probanker.core.services import DomainError

MANAGE = "certification.manage"
EVALUATE = "certification.evaluate"
NAME_MAX = 80
TEXT_MAX = 5000


class FieldProblem(DomainError):
    """A rule refused a value: ``field`` names it (``__all__`` for the request as a whole)."""

    def __init__(self, field: str, message: str) -> None:
        self.field = field
        super().__init__(message)


def _by(actor: User, obj: Any) -> Any:
    """Mark the next history row with its author (services also run from the demo)."""
    obj._history_user = actor
    return obj


def _text(field: str, value: str | None, *, required: bool, limit: int = NAME_MAX) -> str:
    text = (value or "").strip()
    if required and not text:
        raise FieldProblem(field, "champ obligatoire")
    if len(text) > limit:
        raise FieldProblem(field, f"texte trop long (au plus {limit} caractères)")
    return text


def _not_after(field: str, day: dt.date | None, today: dt.date) -> None:
    if day is not None and day > today:
        raise FieldProblem(field, f"date future : au plus tard le {date_fr(today)}")


def _user(field: str, user_id: int | None) -> User | None:
    if user_id is None:
        return None
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None:
        raise FieldProblem(field, f"utilisateur inconnu : {user_id}")
    return user


def _branch(field: str, branch_id: int | None) -> Branch | None:
    if branch_id is None:
        return None
    branch = Branch.objects.filter(pk=branch_id).first()
    if branch is None:
        raise FieldProblem(field, f"agence inconnue : {branch_id}")
    return branch


# --------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------

CANDIDATE_FIELDS = (
    "first_name", "last_name", "email", "access_route", "prerequisite", "branch", "user",
    "supervisor", "amf_certified_on", "amf_proof", "enrolled_on",
)  # fmt: skip


def _clean_candidate(candidate: Candidate, changes: Mapping[str, Any], today: dt.date) -> list[str]:
    """Apply ``changes`` to ``candidate`` after checking each; the fields changed."""
    unknown = set(changes) - set(CANDIDATE_FIELDS)
    if unknown:
        raise FieldProblem(sorted(unknown)[0], "champ inconnu")
    for name in ("first_name", "last_name"):
        if name in changes:
            setattr(candidate, name, _text(name, changes[name], required=True))
    if "email" in changes:
        email = _text("email", changes["email"], required=False, limit=254)
        if email:
            try:
                validate_email(email)
            except ValidationError as exc:
                raise FieldProblem("email", "adresse de courriel invalide") from exc
        candidate.email = email
    if "access_route" in changes:
        if changes["access_route"] not in AccessRoute.values:
            raise FieldProblem(
                "access_route", f"voie d'accès inconnue (attendu : {', '.join(AccessRoute.values)})"
            )
        candidate.access_route = changes["access_route"]
    if "prerequisite" in changes:
        value = changes["prerequisite"] or ""
        if value not in Prerequisite.values:
            raise FieldProblem(
                "prerequisite", "prérequis inconnu (promotion_interne ou formation_niveau5)"
            )
        candidate.prerequisite = value
    if "branch" in changes:
        candidate.branch = _branch("branch", changes["branch"])
    if "user" in changes:
        user = _user("user", changes["user"])
        taken = Candidate.objects.filter(user=user).exclude(pk=candidate.pk).exists()
        if user is not None and taken:
            raise FieldProblem("user", f"{user} a déjà un dossier de candidat")
        candidate.user = user
        if user is not None and candidate.branch_id is None:
            candidate.branch_id = user.branch_id
    if "supervisor" in changes:
        candidate.supervisor = _user("supervisor", changes["supervisor"])
    if "amf_certified_on" in changes:
        _not_after("amf_certified_on", changes["amf_certified_on"], today)
        candidate.amf_certified_on = changes["amf_certified_on"]
    if "amf_proof" in changes:
        candidate.amf_proof = _text("amf_proof", changes["amf_proof"], required=False, limit=200)
    if "enrolled_on" in changes:
        _not_after("enrolled_on", changes["enrolled_on"], today)
        candidate.enrolled_on = changes["enrolled_on"] or today
    if candidate.supervisor_id is not None and candidate.supervisor_id == candidate.user_id:
        raise FieldProblem("supervisor", "le candidat ne peut être son propre responsable")
    return [name for name in CANDIDATE_FIELDS if name in changes]


@transaction.atomic
def create_candidate(*, actor: User, today: dt.date, **fields: Any) -> Candidate:
    """Enrol a candidate (``first_name``, ``last_name``, ``access_route`` required)."""
    require(actor, MANAGE)
    candidate = Candidate(enrolled_on=today)
    for name in ("first_name", "last_name", "access_route"):
        fields.setdefault(name, "")
    _clean_candidate(candidate, fields, today)
    _by(actor, candidate).save()
    return candidate


@transaction.atomic
def update_candidate(
    *, actor: User, candidate: Candidate, today: dt.date, **changes: Any
) -> Candidate:
    """Change the fields given (the AMF certification's date and proof, the route...)."""
    require(actor, MANAGE)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if _clean_candidate(candidate, changes, today):
        _by(actor, candidate).save()
    return candidate


# --------------------------------------------------------------------------
# Evaluations
# --------------------------------------------------------------------------


@transaction.atomic
def record_evaluation(
    *, actor: User, candidate: Candidate, competency: str, modality: str, result: str,
    evaluated_on: dt.date | None, today: dt.date, evidence: str = "", comment: str = "",
) -> Evaluation:  # fmt: skip
    """One more evaluation of a competency (earlier ones are kept; the latest counts).

    The modality must be one of the competency's block; the date not in the future
    and not before the candidate's enrolment.
    """
    require(actor, EVALUATE)
    found = Competency.objects.select_related("block").filter(code=competency).first()
    if found is None:
        raise FieldProblem("competency", f"compétence inconnue : « {competency} »")
    way = Modality.objects.filter(block=found.block, code=modality).first()
    if way is None:
        allowed = ", ".join(found.block.modalities.values_list("code", flat=True))
        raise FieldProblem(
            "modality", f"modalité non prévue pour le bloc {found.block.code} (attendu : {allowed})"
        )
    if result not in Result.values:
        raise FieldProblem("result", "résultat attendu : acquis ou non_acquis")
    if evaluated_on is None:
        raise FieldProblem("evaluated_on", "champ obligatoire")
    _not_after("evaluated_on", evaluated_on, today)
    if evaluated_on < candidate.enrolled_on:
        raise FieldProblem(
            "evaluated_on", f"avant l'inscription du candidat ({date_fr(candidate.enrolled_on)})"
        )
    evaluation = Evaluation(
        candidate=candidate, competency=found, modality=way, result=result,
        evaluated_on=evaluated_on, evaluator=actor,
        evidence=_text("evidence", evidence, required=False, limit=TEXT_MAX),
        comment=_text("comment", comment, required=False, limit=TEXT_MAX),
    )  # fmt: skip
    _by(actor, evaluation).save()
    return evaluation


# --------------------------------------------------------------------------
# Juries
# --------------------------------------------------------------------------


@dataclass(frozen=True)
class MemberSpec:
    name: str
    college: str
    user: int | None = None
    branch: int | None = None


def _composition(members: list[MemberSpec]) -> None:
    """Exactly three members, one of each college (CPNE deliberation of 23/11/2016)."""
    rule = (
        "un jury compte exactement trois membres : un du collège salarié de la CPNE (salarie), "
        "un du collège employeur (employeur) et un permanent de la CNCM (cncm)"
    )
    for index, member in enumerate(members):
        if member.college not in College.values:
            raise FieldProblem(f"members.{index}.college", f"collège inconnu : {rule}")
        _text(f"members.{index}.name", member.name, required=True, limit=160)
    colleges = sorted(m.college for m in members)
    if len(members) != 3 or colleges != sorted(College.values):
        raise FieldProblem("members", f"composition refusée : {rule}")
    users = [m.user for m in members if m.user is not None]
    if len(users) != len(set(users)):
        raise FieldProblem("members", "une même personne ne siège qu'une fois")


@transaction.atomic
def create_jury(
    *, actor: User, session_on: dt.date, members: list[MemberSpec], place: str = ""
) -> Jury:
    """A jury session with its three members (any other composition is refused)."""
    require(actor, MANAGE)
    _composition(members)
    rows = [
        JuryMember(
            name=m.name.strip(), college=m.college,
            user=_user(f"members.{i}.user", m.user), branch=_branch(f"members.{i}.branch", m.branch),
        )
        for i, m in enumerate(members)
    ]  # fmt: skip
    jury = Jury.objects.create(
        session_on=session_on, place=_text("place", place, required=False, limit=120),
        created_by=actor,
    )  # fmt: skip
    for row in rows:
        row.jury = jury
    JuryMember.objects.bulk_create(rows)
    return jury


def conflicts(members: Iterable[JuryMember], candidate: Candidate) -> list[str]:
    """Why members may not judge ``candidate``: the candidate themself, their
    manager, the director of their branch, a colleague of the same branch."""
    found = []
    for m in members:
        user = m.user
        branch_id = m.branch_id or (user.branch_id if user is not None else None)
        if user is not None and user.pk == candidate.user_id:
            found.append(f"{m.name} est le candidat lui-même")
        elif user is not None and user.pk == candidate.supervisor_id:
            found.append(f"{m.name} est le responsable hiérarchique du candidat")
        elif candidate.branch_id is not None and branch_id == candidate.branch_id:
            is_director = user is not None and user.role == Role.DIRECTOR
            what = "dirige l'agence" if is_director else "travaille dans l'agence"
            found.append(f"{m.name} {what} du candidat (conflit d'intérêts)")
    return found


@transaction.atomic
def present_candidate(*, actor: User, jury: Jury, candidate: Candidate) -> Jury:
    """Put ``candidate`` on the jury's session, unless a member has a conflict of interest."""
    require(actor, MANAGE)
    problems = conflicts(jury.members.select_related("user"), candidate)
    if problems:
        raise FieldProblem("candidate", "membre récusé : " + " ; ".join(problems))
    jury.candidates.add(candidate)
    return jury


# --------------------------------------------------------------------------
# Deliberations
# --------------------------------------------------------------------------


@transaction.atomic
def deliberate(
    *, actor: User, jury: Jury, candidate: Candidate, validated_blocks: list[str],
    today: dt.date, deliberated_on: dt.date | None = None, observations: str = "",
) -> Deliberation:  # fmt: skip
    """Record the jury's decision on ``candidate``: the blocks it validates.

    A block is validated whole, only when the latest evaluation (up to the
    deliberation's date) of each of its competencies is ``acquis``; a block
    already validated stays so and is not validated twice. The deliberation
    grants the CQP when the four blocks are then held and the AMF certification
    is recorded. Once recorded, it never changes.
    """
    require(actor, MANAGE)
    Candidate.objects.select_for_update().filter(pk=candidate.pk).first()  # one at a time
    on = deliberated_on or today
    if on < jury.session_on:
        raise FieldProblem(
            "deliberated_on", f"avant la session du jury ({date_fr(jury.session_on)})"
        )
    _not_after("deliberated_on", on, today)
    if not jury.candidates.filter(pk=candidate.pk).exists():
        raise FieldProblem("candidate", f"{candidate} n'est pas présenté à ce jury")
    problems = conflicts(jury.members.select_related("user"), candidate)
    if problems:
        raise FieldProblem("candidate", "membre récusé : " + " ; ".join(problems))
    if certifying_deliberation(candidate) is not None:
        raise FieldProblem("candidate", f"{candidate} a déjà obtenu le CQP")
    codes = [str(c) for c in validated_blocks]
    if len(codes) != len(set(codes)):
        raise FieldProblem("validated_blocks", "un bloc est cité deux fois")
    statuses = {s.block.code: s for s in block_statuses(candidate, on)}
    chosen: list[Block] = []
    for index, code in enumerate(codes):
        status = statuses.get(code)
        field = f"validated_blocks.{index}"
        if status is None:
            raise FieldProblem(field, f"bloc inconnu : « {code} »")
        if status.validated:
            raise FieldProblem(field, f"{code} est déjà validé (capitalisé)")
        if not status.eligible:
            missing = ", ".join(c.code for c in status.missing)
            raise FieldProblem(
                field,
                f"{code} ne peut être validé : compétences non acquises ({missing}) ; "
                "la validation partielle d'un bloc n'est pas possible",
            )
        chosen.append(status.block)
    held = sorted({*(c for c, s in statuses.items() if s.validated), *codes})
    amf = (
        candidate.amf_certified_on
        if candidate.amf_certified_on and candidate.amf_certified_on <= on
        else None
    )
    deliberation = Deliberation.objects.create(
        jury=jury, candidate=candidate, deliberated_on=on, held_blocks=held,
        amf_certified_on=amf, certified=len(held) == len(statuses) and amf is not None,
        observations=_text("observations", observations, required=False, limit=TEXT_MAX),
        recorded_by=actor,
    )  # fmt: skip
    deliberation.validated_blocks.set(chosen)
    return deliberation


# --------------------------------------------------------------------------
# Insertion after the certification
# --------------------------------------------------------------------------


@transaction.atomic
def record_outcome(
    *, actor: User, candidate: Candidate, kind: str, employed: bool, in_target_job: bool,
    recorded_on: dt.date, today: dt.date,
) -> Outcome:  # fmt: skip
    """Where a certified candidate works 6 months or 2 years after (replaces the previous
    record of the same kind)."""
    require(actor, MANAGE)
    if kind not in OutcomeKind.values:
        raise FieldProblem("kind", "échéance attendue : 6_mois ou 2_ans")
    if certifying_deliberation(candidate) is None:
        raise FieldProblem("candidate", f"{candidate} n'a pas obtenu le CQP")
    if in_target_job and not employed:
        raise FieldProblem("in_target_job", "dans le métier visé suppose d'être en emploi")
    _not_after("recorded_on", recorded_on, today)
    outcome = Outcome.objects.filter(candidate=candidate, kind=kind).first() or Outcome(
        candidate=candidate, kind=kind
    )
    outcome.employed, outcome.in_target_job, outcome.recorded_on = (
        employed,
        in_target_job,
        recorded_on,
    )
    _by(actor, outcome).save()
    return outcome
