"""One-time codes by SMS (catalogue/services/mobile_codes.py): a learner proves a number, or signs
in with it. The code travels through the outbound pipeline to a local server speaking Unifonic's
documented API, and is read from the text message that arrived there."""

import datetime as dt
import re

import pytest
import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.core.exceptions import ValidationError
from django.utils import timezone

from learningcity.catalogue.models import MobileCode
from learningcity.catalogue.services import learners as learner_services
from learningcity.catalogue.services import mobile_codes
from learningcity.notifications.outbox import deliver_due
from tests.factories import GovernorateFactory, LearnerFactory

pytestmark = pytest.mark.django_db

NUMBER = "+966512345678"


def last_code(providers) -> str:
    return re.search(r"\d{6}", providers.sms_to("966512345678")[-1]).group()


def send(purpose="verify", client="10.0.0.1", mobile=NUMBER):
    return mobile_codes.code_send(mobile=mobile, purpose=purpose, client=client)


def test_a_code_proves_the_number_and_only_its_hash_is_kept(providers, django_capture_on_commit_callbacks):
    learner = LearnerFactory(mobile=NUMBER, mobile_verified_at=None, language="ar")
    with django_capture_on_commit_callbacks(execute=True):
        record = send()
    text = providers.sms_to("966512345678")[0]
    code = last_code(providers)
    assert text.startswith(f"{code} ") and "10" in text  # the code first, then how long it lives
    assert code not in record.code_hash and identify_hasher(record.code_hash)
    mobile_codes.mobile_verify(learner=learner, code=code)
    assert learner.mobile_verified_at is not None
    # Used once: the same code again finds nothing waiting.
    with pytest.raises(ValidationError, match="لا يوجد رمز بانتظار"):
        mobile_codes.mobile_verify(learner=learner, code=code)


def test_a_wrong_code_counts_a_guess_and_five_end_the_code(providers, django_capture_on_commit_callbacks):
    learner = LearnerFactory(mobile=NUMBER, mobile_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        send()
    code = last_code(providers)
    wrong = f"{(int(code) + 1) % 10**6:06d}"
    # Said in Arabic, the count agreeing with its noun.
    for left in ("بقيت 4 محاولات", "بقيت 3 محاولات", "بقيت محاولتان", "بقيت محاولة واحدة"):
        with pytest.raises(ValidationError, match=left):
            mobile_codes.mobile_verify(learner=learner, code=wrong)
    with pytest.raises(ValidationError, match="رموز خاطئة كثيرة"):
        mobile_codes.mobile_verify(learner=learner, code=wrong)
    # Even the right code is refused now: a new one must be asked for.
    with pytest.raises(ValidationError, match="رموز خاطئة كثيرة"):
        mobile_codes.mobile_verify(learner=learner, code=code)
    learner.refresh_from_db()
    assert learner.mobile_verified_at is None


def test_a_code_expires(providers, django_capture_on_commit_callbacks):
    learner = LearnerFactory(mobile=NUMBER, mobile_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        send()
    code = last_code(providers)
    later = timezone.now() + dt.timedelta(minutes=11)
    with time_machine.travel(later), pytest.raises(ValidationError, match="انتهت صلاحية"):
        mobile_codes.mobile_verify(learner=learner, code=code)


def test_a_new_code_replaces_the_one_before(providers, django_capture_on_commit_callbacks):
    learner = LearnerFactory(mobile=NUMBER, mobile_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        send()
    first = last_code(providers)
    with django_capture_on_commit_callbacks(execute=True):
        send()
    second = last_code(providers)
    with pytest.raises(ValidationError):  # (one chance in a million that the two are equal)
        mobile_codes.mobile_verify(learner=learner, code=first)
    mobile_codes.mobile_verify(learner=learner, code=second)


def test_codes_are_limited_per_number_and_per_client_address(providers, settings):
    settings.RATE_LIMITS = {
        **settings.RATE_LIMITS,
        "mobile_code_number": (3, 900),
        "mobile_code_client": (4, 3600),
    }
    LearnerFactory(mobile=NUMBER)
    for client in ("10.0.0.1", "10.0.0.2", "10.0.0.3"):
        send(client=client)
    with pytest.raises(mobile_codes.TooManyCodes):
        send(client="10.0.0.4")  # a fourth to the same number, from anywhere
    for n in range(4):
        send(client="10.0.0.9", mobile=f"+96655555000{n}")
    with pytest.raises(mobile_codes.TooManyCodes):
        send(client="10.0.0.9", mobile="+966555550009")  # a fifth number from one address


def test_signing_in_by_code_says_nothing_about_numbers_without_an_account(
    providers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert send(purpose="sign_in") is None
    assert providers.received == [] and not MobileCode.objects.exists()


def test_signing_in_by_code_proves_the_number(providers, django_capture_on_commit_callbacks):
    learner = LearnerFactory(mobile=NUMBER, mobile_verified_at=None)
    with django_capture_on_commit_callbacks(execute=True):
        send(purpose="sign_in")
    user = mobile_codes.sign_in_with_code(mobile="0512345678", code=last_code(providers))
    learner.refresh_from_db()
    assert user == learner.user and learner.mobile_verified_at is not None


def test_a_changed_number_must_be_proved_again(providers):
    learner = LearnerFactory(mobile=NUMBER, mobile_verified_at=timezone.now(), user__email="")
    data = {"mobile": "0512345679", "full_name": learner.full_name}
    learner_services.learner_update(learner=learner, data=data, by=learner.user)
    learner.refresh_from_db()
    assert learner.mobile == "+966512345679" and learner.mobile_verified_at is None
    # Unchanged, it stays proved.
    learner.mobile_verified_at = timezone.now()
    learner.save()
    learner_services.learner_update(learner=learner, data=data, by=learner.user)
    learner.refresh_from_db()
    assert learner.mobile_verified_at is not None


def test_signing_up_with_a_mobile_number_asks_for_the_code(providers, django_capture_on_commit_callbacks):
    from django.test import Client

    client = Client()
    governorate = GovernorateFactory()
    form = {
        "full_name": "ريم العوفي", "mobile": "0512345678", "email": "", "sex": "female", "age_group": "25-44",
        "governorate": governorate.pk, "nationality": "citizen", "consent": "on",
        "password1": "tawil-wa-sahl-1447", "password2": "tawil-wa-sahl-1447",
    }  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/ar/learn/sign-up/", form)
    assert response.status_code == 302 and response["Location"].startswith("/ar/learn/verify-mobile/")
    page = client.get(response["Location"]).content.decode()
    assert "05••••••78" in page
    response = client.post(
        "/ar/learn/verify-mobile/", {"code": last_code(providers), "next": "/ar/learn/my-learning/"}
    )
    assert response.status_code == 302 and response["Location"] == "/ar/learn/my-learning/"
    learner = learner_services.Learner.objects.get(mobile=NUMBER)
    assert learner.mobile_verified_at is not None


def test_the_log_of_messages_sent_never_shows_a_code(providers, django_capture_on_commit_callbacks, settings):
    """Whoever reads the managers' log could otherwise sign in as the learner."""
    from learningcity.accounts.models import Role
    from learningcity.notifications.models import OutboundMessage
    from tests.conftest import client_for
    from tests.factories import UserFactory

    LearnerFactory(mobile=NUMBER)
    manager = UserFactory(role=Role.PROGRAMME_MANAGER)
    providers.mode = "down"  # still waiting to be sent: the code is kept for the retry…
    with django_capture_on_commit_callbacks(execute=True):
        send(purpose="sign_in")
    waiting = OutboundMessage.objects.get(kind="mobile_code.sign_in")
    code = re.search(r"\d{6}", waiting.body).group()
    assert (
        code not in client_for(manager).get("/ar/notifications/deliveries/").content.decode()
    )  # …but not shown
    providers.mode = "ok"
    deliver_due(now=waiting.not_before + dt.timedelta(seconds=1))
    waiting.refresh_from_db()
    assert waiting.status == "sent" and code not in waiting.body and "••••••" in waiting.body
    assert providers.sms_to("966512345678")[-1].startswith(code)  # the learner got it
