"""Pages of risk monitoring, one module per page family.

``alerts`` (the day's alerts), ``rules`` (alert rules as data), ``cases``
(degradation cases: list, opening, follow-up).
"""
