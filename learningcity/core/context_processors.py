from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.translation import get_language, get_language_info

from learningcity.core.languages import same_page_in
from learningcity.core.navigation import account_menu_for, navigation_for


def platform(request: HttpRequest) -> dict[str, Any]:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    other = "en" if language == "ar" else "ar"
    user = getattr(request, "user", None)
    return {
        "administration_name": (
            settings.PLATFORM_ADMINISTRATION_NAME_AR
            if language == "ar"
            else settings.PLATFORM_ADMINISTRATION_NAME_EN
        ),
        "contact_email": settings.PLATFORM_CONTACT_EMAIL,
        "contact_phone": settings.PLATFORM_CONTACT_PHONE,
        "other_language": get_language_info(other),
        "other_language_url": same_page_in(other, request.get_full_path()),
        "navigation": navigation_for(request, user),
        "account_menu": account_menu_for(request, user),
    }
