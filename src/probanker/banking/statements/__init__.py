"""Bank statements into the lake: camt.053, CFONB 120 and a CSV layout.

The parsers (:mod:`camt`, :mod:`cfonb`, :mod:`csvlayout`) are pure Python:
they turn a file into :class:`~probanker.banking.statements.model.Statement`
objects or raise :class:`~probanker.banking.statements.model.StatementError`
with the file, the line (or XML element) and what is wrong. :mod:`reconcile`
checks each statement (opening + Σ entries = closing) and the continuity
between consecutive statements of an account; :mod:`store` writes them to the
lake, all or nothing, each statement once.
"""
