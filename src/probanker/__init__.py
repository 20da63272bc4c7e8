"""probanker: the workstation of the French professional-clients relationship manager."""

__version__ = "0.1.0"
