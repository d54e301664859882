"""Maintainers' tools: audit, benchmark, build comparison, link check (scripts/maintain.py)."""
