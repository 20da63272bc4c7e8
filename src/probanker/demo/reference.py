"""The reference data the data migrations load, loaded again after a flush (the demo's
rebuild, a transactional test's teardown): one list, so neither forgets a new one."""

from __future__ import annotations

from typing import Any


def seed_reference_data(apps: Any) -> None:
    """NAF, the product catalogue, the risk rules, the credit references (delegation grid,
    usury and TEG tables), the RGAA, the certification's référentiel and questionnaires,
    the interview guides and recommendation rules (each seed is idempotent)."""
    from probanker.banking.catalogue import seed_catalogue
    from probanker.certification.seeds import seed_questionnaires, seed_referentiel
    from probanker.core.naf import seed_sections_and_divisions
    from probanker.credit.seeds import seed_credit
    from probanker.parties.rgaa import seed_rgaa_reference
    from probanker.risk.rules import seed_rules
    from probanker.sales.seeds import seed_condition_limits, seed_sales

    seed_sections_and_divisions(apps)
    seed_catalogue(apps)
    seed_rules(apps)
    seed_credit(apps)
    seed_rgaa_reference(apps)
    seed_referentiel(apps)
    seed_questionnaires(apps)
    seed_sales(apps)
    seed_condition_limits(apps)
