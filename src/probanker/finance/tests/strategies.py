"""Hypothesis strategies shared by the finance tests."""

from __future__ import annotations

from hypothesis import strategies as st

from probanker.finance.ledger import Position


def balanced_positions(
    accounts: list[str], mixed: tuple[str, ...], max_size: int = 30
) -> st.SearchStrategy[list[Position]]:
    """Random balances of ``accounts`` summing to zero, closed on the bank (512).

    Accounts starting with a ``mixed`` prefix get an auxiliary account (or none),
    so that mixed accounts are split by their own sign.
    """

    @st.composite
    def draw_positions(draw: st.DrawFn) -> list[Position]:
        chosen = draw(st.lists(st.sampled_from(accounts), min_size=2, max_size=max_size))
        positions = []
        for account in chosen:
            aux = draw(st.sampled_from(["", "", "A", "B"])) if account.startswith(mixed) else ""
            cents = draw(st.integers(min_value=-(10**10), max_value=10**10))
            positions.append(Position(account, aux, cents))
        positions.append(Position("512000", "", -sum(p.cents for p in positions)))
        return positions

    return draw_positions()
