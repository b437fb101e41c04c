"""`id__in=[…]` with an integer beyond the column's range matches nothing, as `id=…` does.

Django already answers an out-of-range `exact`, `gt`, `lt`… lookup on an integer column without
asking the database (IntegerFieldOverflow), but not `in`: SQLite's driver then raises
OverflowError, a server error from any multiple-choice field or id list a client fills with
9223372036854775808. Dropping the values no row can hold keeps the meaning of the query.
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.lookups import In


@models.IntegerField.register_lookup
class IntegerFieldIn(In):
    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        field = self.lhs.output_field
        internal_type = getattr(field, "target_field", field).get_internal_type()  # a key: its target's
        # (any_of below is this lookup for every field: only integer columns have a range.)
        if self.rhs_is_direct_value() and internal_type in connection.ops.integer_field_ranges:
            low, high = connection.ops.integer_field_range(internal_type)
            self.rhs = [
                value
                for value in self.rhs
                if not isinstance(value, int)
                or ((low is None or value >= low) and (high is None or value <= high))
            ]
        return super().process_rhs(compiler, connection)


@models.ForeignKey.register_lookup  # related fields keep lookups of their own
@models.Field.register_lookup
class AnyOf(IntegerFieldIn):
    """`field__any_of=[…]`: the same rows as `field__in`, sent to PostgreSQL as one array
    parameter (`field = ANY(%s)`) instead of one placeholder per value. An import's batch names
    a thousand registrations at a time; writing, sending and parsing a thousand placeholders
    per query was a tenth of an import's time (bench/bench_exchange.py). Other databases get
    the plain IN list, without the values out of an integer column's range (as above); on
    PostgreSQL such a value makes the array numeric and simply matches nothing."""

    lookup_name = "any_of"

    def as_postgresql(self, compiler: Any, connection: Any) -> Any:
        if not self.rhs_is_direct_value():
            return super().as_sql(compiler, connection)
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = [value for value in dict.fromkeys(self.rhs) if value is not None]
        return f"{lhs} = ANY(%s)", (*lhs_params, values)
