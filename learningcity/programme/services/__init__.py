"""Writes for the programme, one module per part. Every function checks who is acting,
validates, writes in one transaction, records the audit log and notifies after commit."""
