"""Writes for expertise exchange and partnership, one module per part. Every write is audited."""
