"""Data collection at regional scale (issue 26): checking and saving a data set's form of 200
typed values, and running every validation rule over a year of the regional data set — each
beside a baseline measured in the same run: inserting the same rows bare (bulk_create, no
checks, no audit), and reading the rule report's rows with raw SQL.

The form: 100 of the regional indicators, each typed as women and men (200 values; the
totals are added up), for one governorate and a period before the seeded values, under 300
rules (breakdown adds up to the total, a range, a change from the previous period). Every
timed save runs in a transaction that is rolled back, so each run does the same work.

    BENCH_DATABASE_URL=postgres://… BENCH_SIZE=regional .venv/bin/python bench/bench_datacollection.py
"""

from __future__ import annotations

from decimal import Decimal

from common import TABLE_HEAD, data_line, report, row, scale_database, time_it

FORM_INDICATORS = 100


def main() -> None:
    vendor, seeded, size = scale_database()
    from django.contrib.auth import get_user_model
    from django.db import connection, transaction
    from django.utils import timezone

    from learningcity.core.models import Governorate
    from learningcity.datacollection import services
    from learningcity.datacollection.models import DataSet
    from learningcity.indicators import calc
    from learningcity.indicators.models import Indicator, Measurement, ValidationRule, scope_key
    from learningcity.indicators.selectors.rule_report import rule_failures

    manager, _ = get_user_model().objects.get_or_create(
        username="bench-manager", defaults={"role": "programme_manager"}
    )
    indicators = list(
        Indicator.objects.filter(computed_key="", frequency="monthly").order_by("pk")[:FORM_INDICATORS]
    )
    governorate = Governorate.objects.order_by("pk").first()
    today = timezone.localdate()
    earliest = (
        Measurement.objects.order_by("period_start").values_list("period_start", flat=True).first() or today
    )
    period = calc.shift(calc.align(earliest, "monthly"), "monthly", -2)
    data_set = _data_set(DataSet, services, manager, indicators, governorate, period)
    _rules(ValidationRule, manager, indicators)
    entries = {}
    for number, indicator in enumerate(indicators):
        entries[f"{indicator.code}|sex|female"] = str(100 + number)
        entries[f"{indicator.code}|sex|male"] = str(90 + number)

    def check() -> None:
        services.form_check(
            data_set=data_set, period_start=period, scope=scope_key(governorate.region_id, None, governorate.pk),
            entries=entries,
        )  # fmt: skip

    def save_and_submit() -> None:
        with transaction.atomic():
            form, result = services.form_save(
                data_set=data_set,
                period_start=period,
                place=governorate,
                entries=entries,
                submit=True,
                by=manager,
            )
            assert form.status == "submitted", result.blocking or result.reading.errors or result.missing
            transaction.set_rollback(True)

    def bare_insert() -> None:
        # The same 300 rows (100 totals, 200 parts), inserted with no check, audit or history.
        rows = []
        for number, indicator in enumerate(indicators):
            for dimension, category, value in (
                ("", "", 190 + 2 * number), ("sex", "female", 100 + number), ("sex", "male", 90 + number)
            ):  # fmt: skip
                rows.append(
                    Measurement(
                        indicator=indicator,
                        period_start=period,
                        region_id=governorate.region_id,
                        governorate=governorate,
                        dimension=dimension,
                        category=category,
                        value=Decimal(value),
                        scope=scope_key(governorate.region_id, None, governorate.pk),
                    )  # fmt: skip
                )
        with transaction.atomic():
            Measurement.objects.bulk_create(rows)
            transaction.set_rollback(True)

    until = calc.last_complete_period(today, "monthly")
    since = calc.shift(until, "monthly", -11)
    _rules_list, failures = rule_failures(since=since, until=until)

    def every_rule_over_a_year() -> None:
        rule_failures(since=since, until=until)

    year_rows = Measurement.objects.filter(
        period_start__gte=calc.shift(since, "monthly", -12), period_start__lte=until, indicator__in=indicators
    ).values_list("scope", "period_start", "indicator__code", "dimension", "category", "value")
    year_sql, year_params = year_rows.query.sql_with_params()

    def raw_year() -> None:
        # The rule report's query, run straight on the cursor: the floor of reading its rows.
        with connection.cursor() as cursor:
            cursor.execute(year_sql, year_params)
            cursor.fetchall()

    bare = time_it("bare insert of the same 300 rows (bulk_create, rolled back)", bare_insert, runs=10)
    checked = time_it("check a form of 200 values against 300 rules (no save)", check, runs=10)
    saved = time_it(
        "save and submit the form (200 values → 300 checked, audited values)", save_and_submit, runs=10
    )
    floor = time_it("raw SQL: the year's rows the rules read", raw_year, runs=5, warmup=1)
    year = time_it(
        "every rule over a year of the data set (the managers' report)",
        every_rule_over_a_year,
        runs=5,
        warmup=1,
    )
    values_read = year_rows.count()
    lines = [
        data_line(size, seeded),
        f"Form: {len(entries)} typed values of {len(indicators)} indicators under {ValidationRule.objects.count()} rules. "
        f"Year: {values_read:,} stored values read, {len(failures):,} failures found.",
        "",
        *TABLE_HEAD,
        row(checked, bare),
        row(saved, bare),
        row(year, floor),
    ]
    report("Data collection: a form of 200 values, every rule over a year", vendor, lines)


def _data_set(DataSet, services, manager, indicators, governorate, period):
    data_set = DataSet.objects.filter(code="bench-form").first()
    if data_set is None:
        data_set = services.data_set_save(
            data={"code": "bench-form", "name_ar": "نموذج القياس", "frequency": "monthly", "opens_on": period},
            relations={"indicators": indicators, "entities": [_any_entity()], "governorates": [governorate]},
            by=manager,
        )  # fmt: skip
    return data_set


def _any_entity():
    from learningcity.partners.models import Entity

    return Entity.objects.order_by("pk").first()


def _rules(ValidationRule, manager, indicators) -> None:
    from learningcity.indicators import services

    if ValidationRule.objects.exists():
        return
    for indicator in indicators:
        code = indicator.code
        services.rule_save(
            data={"kind": "comparison", "left": f"{code}[sex:female] + {code}[sex:male]", "operator": "eq",
                  "right": code, "importance": "blocking", "name_ar": f"تصنيف {code}"},
            by=manager,
        )  # fmt: skip
        services.rule_save(
            data={"kind": "range", "indicator": indicator, "minimum": Decimal(0), "maximum": Decimal(10**9),
                  "importance": "warning", "name_ar": f"نطاق {code}"},
            by=manager,
        )  # fmt: skip
        services.rule_save(
            data={"kind": "change", "indicator": indicator, "max_change_percent": Decimal(50),
                  "importance": "warning", "name_ar": f"تغير {code}"},
            by=manager,
        )  # fmt: skip


if __name__ == "__main__":
    main()
