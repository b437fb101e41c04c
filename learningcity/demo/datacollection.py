"""Demo data collection: two data sets the demo coordinator's entity reports, with the rules a
programme manager would set and forms at every stage — due, a draft breaking a rule, one
returned by the manager, and one approved up to the region and locked."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from learningcity.core.models import Governorate
from learningcity.datacollection import services
from learningcity.datacollection.models import Approver, DataSet
from learningcity.datacollection.places import scope_of
from learningcity.indicators import calc
from learningcity.indicators import services as indicator_services
from learningcity.indicators.models import Indicator, Measurement, RuleImportance, RuleKind
from learningcity.partners.models import Entity


def create_data_collection(users: dict, entities: dict[str, Entity], today: dt.date) -> list[DataSet]:
    manager, coordinator = users["manager"], users["coordinator"]
    madinah, yanbu, alula = (Governorate.objects.get(code=code) for code in ("madinah", "yanbu", "alula"))
    indicators = {indicator.code: indicator for indicator in Indicator.objects.all()}
    last_quarter = calc.last_complete_period(today, "quarterly")
    last_month = calc.last_complete_period(today, "monthly")

    inclusion = _data_set(
        manager, "inclusion-quarterly", "بيانات الدمج الفصلية", "Quarterly inclusion returns", "quarterly",
        [indicators["LC-02"], indicators["LC-12"]], [entities["taibah-special"]], [madinah, yanbu, alula],
        opens_on=calc.shift(last_quarter, "quarterly", -2),
    )  # fmt: skip
    centres = _data_set(
        manager, "learning-centres-monthly", "بيانات مراكز التعلم الشهرية", "Monthly learning-centre returns",
        "monthly", [indicators["LC-01"], indicators["LC-16"]], [entities["taibah-special"], entities["gae"]],
        [madinah], opens_on=calc.shift(last_month, "monthly", -2),
    )  # fmt: skip
    _rules(manager, indicators)
    # The evaluator approves the Madinah governorate's forms; the manager may act at any level.
    Approver.objects.get_or_create(scope=scope_of(madinah), user=users["evaluator"])

    typical = _typical_entries(indicators["LC-02"], indicators["LC-12"], madinah)
    # Approved at the governorate, the learning city and the region, and locked.
    form, _check = services.form_save(
        data_set=inclusion, period_start=calc.shift(last_quarter, "quarterly", -2), place=madinah,
        entries=typical, comment="بيانات مراجعة من سجلات المراكز", submit=True, by=coordinator,
    )  # fmt: skip
    while form.status != "approved":
        form = services.form_approve(form=form, by=manager)
    # Submitted for Yanbu and returned by the manager.
    form, _check = services.form_save(
        data_set=inclusion, period_start=calc.shift(last_quarter, "quarterly", -1), place=yanbu,
        entries=typical, submit=True, by=coordinator,
    )  # fmt: skip
    services.form_return(
        form=form,
        reason="أعداد المعلمين المدربين في ينبع تطابق أعداد المدينة المنورة؛ نرجو مراجعتها.",
        by=manager,
    )
    # This quarter's draft for Madinah: its breakdown by sex does not add up to the total.
    broken = {**typical, "LC-02": str(int(Decimal(typical["LC-02"])) + 7)}
    services.form_save(
        data_set=inclusion, period_start=last_quarter, place=madinah, entries=broken, by=coordinator
    )
    return [inclusion, centres]


def _data_set(manager, code, name_ar, name_en, frequency, indicators, entities, governorates, opens_on):
    return services.data_set_save(
        data={"code": code, "name_ar": name_ar, "name_en": name_en, "frequency": frequency, "opens_on": opens_on,
              "days_to_report": 15},
        relations={"indicators": indicators, "entities": entities, "governorates": governorates},
        by=manager,
    )  # fmt: skip


def _rules(manager, indicators: dict[str, Indicator]) -> None:
    lc02, lc12 = indicators["LC-02"].code, indicators["LC-12"].code
    indicator_services.rule_save(
        data={"kind": RuleKind.COMPARISON, "left": f"{lc02}[sex:female] + {lc02}[sex:male]", "operator": "eq",
              "right": lc02, "importance": RuleImportance.BLOCKING,
              "name_ar": "مجموع الذكور والإناث يساوي الإجمالي", "name_en": "Women and men add up to the total",
              "message_ar": "مجموع الذكور والإناث لا يساوي إجمالي المستفيدين من ذوي الإعاقة.",
              "message_en": "Women and men do not add up to the total of people with disabilities."},
        by=manager,
    )  # fmt: skip
    indicator_services.rule_save(
        data={"kind": RuleKind.CHANGE, "indicator": indicators["LC-02"], "max_change_percent": Decimal(50),
              "importance": RuleImportance.WARNING,
              "name_ar": "تغير كبير عن الفصل السابق", "name_en": "A large change from the previous quarter"},
        by=manager,
    )  # fmt: skip
    indicator_services.rule_save(
        data={"kind": RuleKind.COMPARISON, "left": lc12, "operator": "le", "right": "population",
              "importance": RuleImportance.BLOCKING,
              "name_ar": "المعلمون المدربون لا يتجاوزون السكان", "name_en": "Trained teachers within the population"},
        by=manager,
    )  # fmt: skip


def _typical_entries(lc02: Indicator, lc12: Indicator, governorate: Governorate) -> dict[str, str]:
    """Values near the governorate's latest verified ones, so the change rule stays quiet."""

    def latest(indicator: Indicator) -> int:
        value = (
            Measurement.objects.filter(indicator=indicator, governorate=governorate, dimension="")
            .order_by("-period_start")
            .values_list("value", flat=True)
            .first()
        )
        return int(value or 40)

    people, teachers = latest(lc02), latest(lc12)
    women = people * 52 // 100
    entries = {"LC-02": str(people), "LC-02|sex|female": str(women), "LC-02|sex|male": str(people - women),
               "LC-12": str(teachers)}  # fmt: skip
    return entries
