"""Shared pytest set-up: strict skips in CI, users and portfolios."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

REQUIRE_ALL = os.environ.get("PROBANKER_REQUIRE_ALL") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: Any) -> Iterator[None]:
    """With ``PROBANKER_REQUIRE_ALL=1`` a skipped test is a failure (CI)."""
    outcome = yield
    report = outcome.get_result()
    if REQUIRE_ALL and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else report.longrepr
        report.longrepr = f"skipped under PROBANKER_REQUIRE_ALL=1: {reason}"


@pytest.fixture
def branch(db: Any) -> Any:
    from probanker.core.tests.factories import BranchFactory

    return BranchFactory(code="B1", name="Agence Une")


@pytest.fixture
def other_branch(db: Any) -> Any:
    from probanker.core.tests.factories import BranchFactory

    return BranchFactory(code="B2", name="Agence Deux")


@pytest.fixture
def manager1(branch: Any) -> Any:
    from probanker.core.tests.factories import UserFactory

    return UserFactory(username="manager1", role="manager", branch=branch)


@pytest.fixture
def manager2(branch: Any) -> Any:
    from probanker.core.tests.factories import UserFactory

    return UserFactory(username="manager2", role="manager", branch=branch)


@pytest.fixture
def director(branch: Any) -> Any:
    from probanker.core.tests.factories import UserFactory

    return UserFactory(username="director", role="director", branch=branch)


@pytest.fixture
def risk_analyst(db: Any) -> Any:
    from probanker.core.tests.factories import UserFactory

    return UserFactory(username="risk", role="risk", branch=None)


@pytest.fixture
def jury(db: Any) -> Any:
    from probanker.core.tests.factories import UserFactory

    return UserFactory(username="jury", role="jury", branch=None)


@pytest.fixture
def committee(db: Any) -> Any:
    from probanker.core.tests.factories import UserFactory

    return UserFactory(username="committee", role="committee", branch=None)


@pytest.fixture
def manager_other_branch(other_branch: Any) -> Any:
    from probanker.core.tests.factories import UserFactory

    return UserFactory(username="manager9", role="manager", branch=other_branch)


@pytest.fixture(autouse=True)
def _reference_data(request: pytest.FixtureRequest) -> None:
    """Re-seed reference data that data migrations load.

    A transactional test flushes every table afterwards, data-migration rows
    included; the next transactional test gets them back here.
    """
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not (marker.kwargs.get("transaction") or (marker.args and marker.args[0])):
        return
    request.getfixturevalue("transactional_db")
    from django.apps import apps

    from probanker.demo.reference import seed_reference_data

    seed_reference_data(apps)


@pytest.fixture(autouse=True)
def _fresh_cache() -> Iterator[None]:
    """Each test starts with an empty page cache (data versions restart with the DB)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
