"""Pages of the data exchange: API tokens, webhooks, import and export of tables, open data."""
