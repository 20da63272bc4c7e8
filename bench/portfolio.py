"""Portfolio diagnosis benchmark: a branch of 5,000 clients, the dashboard against an ORM loop.

Generates, in a temporary folder, a branch (``--clients``, 5,000 by default,
spread over three managers) with its contracts, a year of daily balances and
movements in the lake, transfer prices and objectives; runs the daily figures
step (``portfolio.compute.refresh_figures``, which also stores every
portfolio's summary); then, for the director (the whole branch):

* times the dashboard's figures from the query layer (``portfolio.figures``:
  segmentation by segment and product coverage) against the straightforward
  reference — an ORM loop over the clients reading each one's open contracts
  and stored figures — checks both give the same figures, and prints the
  ratio (target ≥ 10×) and the peak Python memory of each (tracemalloc);
* times reading back the summary the step stored (what the page reads);
* counts the queries of the whole page, uncached;
* serves it with ``probanker serve`` and the page cache off, and drives
  ``/portefeuille/`` with ``--concurrency`` keep-alive sessions of the
  director for ``--seconds`` (bench/web.py's load), printing p50/p95/p99
  (target p95 ≤ 150 ms).

    uv run python bench/portfolio.py            # 5,000 clients, 20 sessions, 30 s
    uv run python bench/portfolio.py --small    # CI: 300 clients, 4 sessions, 2 s
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import os
import random
import re
import subprocess
import sys
import tempfile
import time
import tracemalloc
import urllib.parse
import urllib.request
from collections import defaultdict
from decimal import Decimal
from http.cookiejar import CookieJar
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
AS_OF = dt.date(2026, 6, 30)
D = Decimal

SEGMENTS = ("artisan", "commercant", "liberal", "tpe")
NAF = (("56.10A", "Restauration traditionnelle"), ("47.11B", "Commerce d'alimentation générale"),
       ("43.22A", "Travaux d'installation d'eau et de gaz"), ("10.71C", "Boulangerie"),
       ("86.21Z", "Activité des médecins généralistes"), ("69.20Z", "Activités comptables"),
       ("45.20A", "Entretien et réparation de véhicules"), ("96.02A", "Coiffure"))  # fmt: skip
PRODUCTS = (("overdraft", 0.40), ("equipment_loan", 0.45), ("savings_account", 0.35),
            ("multirisk_insurance", 0.30), ("business_card", 0.60), ("term_deposit", 0.10),
            ("real_estate_loan", 0.08))  # fmt: skip


def setup_django(var: str) -> None:
    os.environ["PROBANKER_VAR"] = var
    os.environ["DJANGO_SETTINGS_MODULE"] = "probanker.settings"
    os.environ.pop("DATABASE_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def generate(clients: int, seed: int = 12) -> dict[str, Any]:
    """The branch, its contracts and its lake; returns the staff by username."""
    import numpy as np
    import pyarrow as pa
    from django.conf import settings

    from probanker import lake
    from probanker.banking.models import Contract, Product
    from probanker.core.models import Branch, NafCode, Role, User
    from probanker.core.pagecache import bump_data_version
    from probanker.parties.models import Party
    from probanker.parties.tests.factories import valid_siren
    from probanker.portfolio.models import Objective, TransferPrice

    rng = random.Random(seed)
    branch = Branch.objects.create(code="BEN01", name="Agence du banc d'essai", city="Tours")
    staff = {}
    for username, role in (("director", Role.DIRECTOR), ("manager1", Role.MANAGER),
                           ("manager2", Role.MANAGER), ("manager3", Role.MANAGER)):  # fmt: skip
        user = User(username=username, role=role, branch=branch, first_name=username.title(),
                    last_name="Banc")  # fmt: skip
        user.set_password("demo")
        user.save()
        staff[username] = user
    managers = [staff["manager1"], staff["manager2"], staff["manager3"]]
    for code, label in NAF:
        NafCode.objects.get_or_create(code=code, defaults={"label": label, "division_id": code[:2]})
    parties = [
        Party(kind="client", name=f"Entreprise {n:05d}", siren=valid_siren(n), legal_form="SARL",
              tax_regime="reel_simplifie", segment=rng.choice(SEGMENTS), naf_id=rng.choice(NAF)[0],
              headcount_band=rng.choice(("NN", "01", "02", "03", "11")), branch=branch,
              manager=managers[n % 3], client_since=AS_OF - dt.timedelta(days=rng.randint(60, 6000)))
        for n in range(clients)
    ]  # fmt: skip
    Party.objects.bulk_create(parties, batch_size=1000)
    products = {p.code: p for p in Product.objects.all()}
    contracts, number = [], 0
    for party in parties:
        number += 1
        contracts.append(Contract(party=party, product=products["current_account"], number=f"A{number:010d}",
                                  opened_on=party.client_since, balance=D(rng.randint(-5_000, 60_000))))  # fmt: skip
        for code, share in PRODUCTS:
            if rng.random() < share:
                number += 1
                closed = (
                    AS_OF - dt.timedelta(days=rng.randint(5, 300)) if rng.random() < 0.05 else None
                )
                rate = D(rng.choice(("3.40", "4.10", "4.75"))) if code.endswith("loan") else (
                    D("9.50") if code == "overdraft" else D("1.50") if code in ("savings_account", "term_deposit") else None)  # fmt: skip
                kind = products[code].kind
                balance = D(rng.randint(2_000, 150_000)) if kind in ("credit", "deposit") else D(0)
                contracts.append(Contract(party=party, product=products[code], number=f"A{number:010d}",
                                          opened_on=party.client_since, closed_on=closed,
                                          balance=balance, rate=rate))  # fmt: skip
    Contract.objects.bulk_create(contracts, batch_size=2000)
    accounts = [c for c in contracts if c.product.code == "current_account"]
    # A year of end-of-day balances per account (a random walk) and monthly movements.
    days = np.arange(np.datetime64(AS_OF - dt.timedelta(days=365)), np.datetime64(AS_OF))
    gen = np.random.default_rng(seed)
    n_days = len(days)
    ids = np.repeat(np.array([a.pk for a in accounts], dtype=np.int64), n_days)
    pids = np.repeat(np.array([a.party_id for a in accounts], dtype=np.int64), n_days)
    walk = np.cumsum(gen.normal(0, 40_000, (len(accounts), n_days)), axis=1).astype(np.int64)
    walk += gen.integers(-200_000, 3_000_000, (len(accounts), 1))
    dates = np.tile(days, len(accounts))
    months = np.array([str(d)[:7] for d in days])
    balances = pa.table({
        "account_id": ids, "party_id": pids, "date": pa.array(dates.astype("datetime64[D]")),
        "balance_cents": walk.ravel(), "limit_cents": np.full(len(ids), 500_000, dtype=np.int64),
        "month": np.tile(months, len(accounts)),
    })  # fmt: skip
    lake.replace_dataset(settings.LAKE_DIR, lake.BALANCES, balances.cast(lake.BALANCES.schema))
    rows = []
    for account in accounts:
        for month in range(12):
            day = (AS_OF.replace(day=1) - dt.timedelta(days=30 * month)).replace(day=27)
            for cents, family, label in ((rng.randint(500_000, 6_000_000), "card_receipts", "REMISE CB"),
                                         (-3500, "fees", "FRAIS DE TENUE DE COMPTE"),
                                         (-1500, "fees", "COMMISSIONS MONETIQUE TPE")):  # fmt: skip
                rows.append({"account_id": account.pk, "party_id": account.party_id,
                             "booking_date": day, "value_date": day, "amount_cents": cents,
                             "family": family, "label": label, "month": lake.month_of(day)})  # fmt: skip
    lake.replace_dataset(
        settings.LAKE_DIR, lake.MOVEMENTS, pa.Table.from_pylist(rows, lake.MOVEMENTS.schema)
    )
    for kind, rate in (("credit", "2.95"), ("deposit", "2.25"), ("sight", "2.05")):
        TransferPrice.objects.create(kind=kind, start=dt.date(2026, 1, 1), rate=D(rate))
    for manager in [None, *managers]:
        Objective.objects.create(year=AS_OF.year, branch=branch, manager=manager,
                                 indicator="new_clients", target=D(60 if manager is None else 20))  # fmt: skip
    bump_data_version()
    return staff


def reference(user: Any) -> tuple[dict[str, list[Decimal | int]], dict[str, int]]:
    """The straightforward way: a loop over the clients, each one's contracts and figures."""
    from probanker.parties.models import Party
    from probanker.portfolio.models import ClientFigures

    cells: dict[str, list[Decimal | int]] = {}
    holders: dict[str, int] = defaultdict(int)
    for party in Party.objects.visible_to(user, "portfolio.view").filter(kind="client"):
        contracts = list(
            party.contracts.filter(closed_on__isnull=True).select_related("product__family")
        )
        deposits = sum((c.balance for c in contracts if c.product.kind == "deposit"
                        or (c.product.kind == "account" and c.balance > 0)), D(0))  # fmt: skip
        credit = sum((c.balance for c in contracts if c.product.kind == "credit"), D(0))
        figures = ClientFigures.objects.filter(party=party).first()
        cell = cells.setdefault(party.segment, [0, D(0), D(0), D(0)])
        cell[0] += 1  # type: ignore[operator]
        cell[1] += deposits
        cell[2] += credit
        cell[3] += figures.pnb if figures else D(0)
        for family in {c.product.family.code for c in contracts}:
            holders[family] += 1
    return cells, dict(holders)


def ours(user: Any) -> tuple[dict[str, list[Decimal | int]], dict[str, int]]:
    from probanker.banking import coverage
    from probanker.portfolio import figures

    scope = figures.portfolio_scope(user)
    cells = {
        c.key: [c.clients, c.deposits, c.credit_outstanding, c.pnb]
        for c in figures.segmentation(scope.clients, "segment", AS_OF)
    }
    holders = {r.family: r.holders for r in coverage.coverage(scope.clients) if r.holders}
    return cells, holders


def measure(function: Any, user: Any, repeat: int) -> tuple[float, float, Any]:
    """(best seconds, peak MiB, result) of ``function(user)``."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function(user)
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    function(user)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak, result


def login(port: int, username: str) -> str:
    jar = CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(f"http://127.0.0.1:{port}/connexion/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "no CSRF token on the login page"
    data = urllib.parse.urlencode(
        {"username": username, "password": "demo", "csrfmiddlewaretoken": token.group(1)}
    ).encode()
    opener.open(f"http://127.0.0.1:{port}/connexion/", data=data)
    return "; ".join(f"{c.name}={c.value}" for c in jar)


def serve_and_load(args: argparse.Namespace) -> Any:
    import web

    port = web.free_port()
    env = {**os.environ, "PROBANKER_PAGE_CACHE": "0"}
    server = subprocess.Popen(
        [sys.executable, "-m", "probanker.cli", "serve", "--port", str(port)],
        env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        web.wait_for(port)
        cookies = [login(port, "director") for _ in range(args.concurrency)]
        asyncio.run(web._load(port, "/portefeuille/", cookies, min(2.0, args.seconds)))
        result = asyncio.run(web._load(port, "/portefeuille/", cookies, args.seconds))
        return result, web.peak_memory_mib(server.pid)
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--small", action="store_true", help="CI size: 300 clients, 4 sessions, 2 s"
    )
    parser.add_argument("--target-ratio", type=float, default=10.0)
    parser.add_argument("--target-p95-ms", type=float, default=150.0)
    args = parser.parse_args()
    if args.small:
        args.clients, args.concurrency, args.seconds = 300, 4, 2.0
    with tempfile.TemporaryDirectory(prefix="probanker-bench-portfolio-") as tmp:
        setup_django(tmp)
        started = time.perf_counter()
        staff = generate(args.clients)
        print(f"branch: {args.clients} clients generated in {time.perf_counter() - started:.1f} s")
        from django.conf import settings
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext

        from probanker.portfolio.compute import refresh_figures

        started = time.perf_counter()
        refresh_figures(AS_OF, Path(settings.LAKE_DIR))
        print(f"daily figures step: {time.perf_counter() - started:.2f} s")
        director = staff["director"]
        ref_s, ref_mib, ref_result = measure(reference, director, 1)
        our_s, our_mib, our_result = measure(ours, director, 3)
        same = ref_result == our_result
        ratio = ref_s / our_s if our_s else float("inf")
        print(f"dashboard figures (director, {args.clients} clients):")
        print(f"  probanker query layer  {our_s * 1000:9.1f} ms  peak {our_mib:6.1f} MiB")
        print(f"  ORM loop per client    {ref_s * 1000:9.1f} ms  peak {ref_mib:6.1f} MiB")
        print(f"  ratio {ratio:.1f}x (target ≥ {args.target_ratio:.0f}x), same figures: {same}")
        from probanker.portfolio import figures, summaries

        scope = figures.portfolio_scope(director)
        read_s, _, _ = measure(lambda user: summaries.summary(scope, "segment", AS_OF), director, 5)
        print(f"  the batch's stored summary read back {read_s * 1000:6.1f} ms")
        os.environ["PROBANKER_PAGE_CACHE"] = "0"
        client = Client()
        client.force_login(director)
        client.get("/portefeuille/")
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = client.get("/portefeuille/").status_code
            render = time.perf_counter() - started
        print(
            f"page /portefeuille/ uncached: HTTP {status}, {len(queries)} queries, {render * 1000:.0f} ms"
        )
        result, memory = serve_and_load(args)
    print(
        f"load: {args.concurrency} keep-alive sessions of the director, {args.seconds:.0f} s, page cache off"
    )
    print(f"  /portefeuille/  {result.requests} requests, {result.errors} errors, {result.rps:.0f} rps, "
          f"p50 {result.p50:.1f} ms, p95 {result.p95:.1f} ms, p99 {result.p99:.1f} ms; "
          f"server peak memory {memory:.0f} MiB")  # fmt: skip
    ok = (
        same
        and result.errors == 0
        and (args.small or (ratio >= args.target_ratio and result.p95 <= args.target_p95_ms))
    )
    print("targets: {}".format("met" if ok else "NOT met"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
