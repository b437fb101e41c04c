from __future__ import annotations

from learningcity.accounts.selectors import programme_managers

__all__ = ["programme_managers"]
