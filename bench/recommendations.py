"""Recommendations benchmark: a branch of 5,000 clients, one pass against one per client.

Generates, in a temporary folder, the branch of ``bench/portfolio.py`` (``--clients``,
5,000 by default: contracts over seven products, eight NAF codes, four segments), then
notes needs for about a third of the clients (as interviews would), marks 5 % of them
degraded and gives a fifth of them an owner aged 55 or more. It then computes every
client's recommendations:

* **probanker**: ``sales.recommendations.recommend`` over the whole branch, in one pass
  (a fixed number of queries, the peers' holding rates read once);
* **reference**: the straightforward way, ``for_party`` client after client (the same
  rules, each client's facts and the peers' rates read again for each);

checks both give the same recommendations, and prints the times, the ratio and the peak
Python memory of each (tracemalloc).

    uv run python bench/recommendations.py             # 5,000 clients
    uv run python bench/recommendations.py --small     # 300 clients
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

NEEDS = ("financement_equipement", "tresorerie", "epargne_excedent", "protection_activite",
         "retraite_dirigeant", "prevoyance_dirigeant", "encaissement_cb", "credit_bail")  # fmt: skip


def enrich(seed: int = 5) -> None:
    """Needs, degraded statuses and senior owners on the generated branch."""
    from portfolio import AS_OF  # type: ignore[import-not-found]
    from probanker.parties.models import Party, PartyRole, Person
    from probanker.risk.models import ClientRisk
    from probanker.sales.models import ClientNeed

    rng = random.Random(seed)
    ids = list(Party.objects.filter(kind="client").values_list("pk", flat=True))
    needs = [
        ClientNeed(party_id=pk, code=code, noted_on=AS_OF - dt.timedelta(days=rng.randint(1, 300)))
        for pk in ids if rng.random() < 0.35
        for code in rng.sample(NEEDS, rng.randint(1, 3))
    ]  # fmt: skip
    ClientNeed.objects.bulk_create(needs, batch_size=2000)
    ClientRisk.objects.bulk_create(
        [ClientRisk(party_id=pk, as_of=AS_OF, status="degrade", stage=2, reason="banc d'essai")
         for pk in ids if rng.random() < 0.05],
        batch_size=2000,
    )  # fmt: skip
    people = [
        Person(first_name="Dirigeant", last_name=f"N{pk}", birth_date=dt.date(rng.randint(1955, 1971), 3, 1))
        for pk in ids if rng.random() < 0.2
    ]  # fmt: skip
    Person.objects.bulk_create(people, batch_size=2000)
    owners = [p for p in ids if p % 5 == 0][: len(people)]
    PartyRole.objects.bulk_create(
        [PartyRole(party_id=pk, person=person, role="principal") for pk, person in zip(owners, people, strict=False)],
        batch_size=2000,
    )  # fmt: skip


def ours() -> dict[int, list[Any]]:
    from portfolio import AS_OF  # type: ignore[import-not-found]
    from probanker.parties.models import Party
    from probanker.sales.recommendations import recommend

    return recommend(Party.objects.filter(kind="client"), AS_OF)


def reference() -> dict[int, list[Any]]:
    from portfolio import AS_OF  # type: ignore[import-not-found]
    from probanker.parties.models import Party
    from probanker.sales.recommendations import for_party

    return {party.pk: for_party(party, AS_OF) for party in Party.objects.filter(kind="client")}


def measure(function: Any, repeat: int) -> tuple[float, float, Any]:
    """(best seconds, peak MiB, result) of ``function()``."""
    best, result = float("inf"), None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        best = min(best, time.perf_counter() - started)
    tracemalloc.start()
    function()
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return best, peak, result


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--clients", type=int, default=5000)
    parser.add_argument("--small", action="store_true", help="300 clients")
    args = parser.parse_args()
    clients = 300 if args.small else args.clients
    with tempfile.TemporaryDirectory(prefix="probanker-bench-reco-") as var:
        from portfolio import generate, setup_django  # type: ignore[import-not-found]

        setup_django(var)
        started = time.perf_counter()
        generate(clients)
        enrich()
        print(f"{clients} clients generated in {time.perf_counter() - started:.1f} s")
        ours_s, ours_mib, ours_result = measure(ours, 3)
        ref_s, ref_mib, ref_result = measure(reference, 1)
        same = {k: v for k, v in ours_result.items() if v} == {
            k: v for k, v in ref_result.items() if v
        }
        offers = sum(len(v) for v in ours_result.values())
        print(f"recommendations: {offers} for {clients} clients; same as the reference: {same}")
        print(f"probanker, one pass : {ours_s * 1000:8.1f} ms, peak {ours_mib:.1f} MiB")
        print(f"reference, per client: {ref_s * 1000:8.1f} ms, peak {ref_mib:.1f} MiB")
        print(f"ratio: {ref_s / ours_s:.1f}×")
        return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
