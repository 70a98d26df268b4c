"""Stakeholder Journal: the domain and its sync-safe storage (no user interface)."""

__version__ = "0.1.0"
