"""Pages of a list too long to count: the audit log.

Numbering a list's pages means counting it, and the audit log only grows — an attendance
import of 100,000 rows writes 100,000 entries — so on a log of 2,600,000 entries the count
alone took some 75 ms of the page (bench/bench_lists.py). `CountedUpTo` counts no further than
a little past the page asked for, so the page costs the same however long the log; the page
then says "more than" that count, and the filters narrow it to an exact figure.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.functional import cached_property

# Counted at least this far (then the count is exact for most filtered views).
COUNT_AT_LEAST = 10_000
# And this many pages past the page asked for, so "Next" leads on as far as there are entries.
PAGES_AHEAD = 10
# Counting stops here whatever page is asked for (100,000 pages of 50: 5,000,000 entries).
MAX_PAGE = 100_000


class CountedUpTo(Paginator):
    def __init__(self, object_list: Any, per_page: int, *, number: Any = 1) -> None:
        super().__init__(object_list, per_page)
        try:
            # A page number from the address bar is anything: no further than the last page
            # there could be (and never a LIMIT past what the databases take).
            asked = min(max(1, int(number)), MAX_PAGE)
        except (TypeError, ValueError):
            asked = 1
        self.limit = max(COUNT_AT_LEAST, (asked + PAGES_AHEAD) * per_page)

    @cached_property
    def count(self) -> int:
        """The entries, counted no further than limit + 1 (a LIMIT inside the count's
        subquery): limit + 1 means "more than limit", and leaves a page after the counted
        ones for "Next" to lead to."""
        return self.object_list[: self.limit + 1].count()

    @property
    def more(self) -> bool:
        """Whether there are more entries than were counted (`limit` is then a floor)."""
        return self.count > self.limit

    @property
    def pages_counted(self) -> int:
        """With `more`, the pages known to be full: "page 3 of more than 200"."""
        return self.limit // self.per_page
