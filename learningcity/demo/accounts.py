"""The demo logins. Created only by `learningcity load_demo`; never by migrations or in production."""

from __future__ import annotations

from django.contrib.auth import get_user_model

from learningcity.accounts.models import Role
from learningcity.partners.models import Coordinator, Entity

DEMO_PASSWORD = "learningcity-demo"  # noqa: S105 - published demo credential

DEMO_USERS = (
    ("manager", Role.PROGRAMME_MANAGER, "فاطمة", "الأنصاري", "Programme manager"),
    (
        "coordinator",
        Role.COORDINATOR,
        "عبدالعزيز",
        "الحربي",
        "Coordinator, Taibah Educational City for Special Education",
    ),
    (
        "partner",
        Role.COORDINATOR,
        "نورة",
        "العتيبي",
        "Coordinator (f), Madinah Logistics Services Group — a private-sector partner",
    ),
    ("evaluator", Role.EVALUATOR, "مريم", "الجهني", "Evaluator"),
    ("viewer", Role.VIEWER, "سليمان", "المطيري", "Leadership / viewer"),
)


# Each demo coordinator's entity (demo/partners.py codes), English name and gender.
COORDINATOR_OF = {
    "coordinator": ("taibah-special", "Abdulaziz Al-Harbi", "m"),
    "partner": ("logistics", "Noura Al-Otaibi", "f"),
}


def create_demo_users(entities: dict[str, Entity]) -> list[tuple[str, str]]:
    User = get_user_model()
    logins = []
    for username, role, first_name, last_name, description in DEMO_USERS:
        user = User.objects.create_user(
            username=username,
            password=DEMO_PASSWORD,
            role=role,
            first_name=first_name,
            last_name=last_name,
            email=f"{username}@learningcity.example.sa",
        )
        if role == Role.COORDINATOR:
            entity_code, name_en, gender = COORDINATOR_OF[username]
            Coordinator.objects.create(
                entity=entities[entity_code],
                user=user,
                full_name_ar=f"{first_name} {last_name}",
                full_name_en=name_en,
                gender=gender,
                job_title_ar="منسق مدن التعلم" if gender == "m" else "منسقة مدن التعلم",
                job_title_en="Learning cities coordinator",
                role_in_entity="primary",
                email=user.email,
            )
        logins.append((username, description))
    return logins
