"""Signing up as a learner and signing in with a mobile number or e-mail address."""

import pytest
from django.test import Client
from django.urls import reverse
from django.utils.http import urlencode

from learningcity.catalogue.models import Learner
from tests.factories import GovernorateFactory, LearnerFactory

pytestmark = pytest.mark.django_db

PASSWORD = "tawil-wa-sahl-1447"


@pytest.fixture
def form_data():
    governorate = GovernorateFactory(name_ar="ينبع")
    return {
        "full_name": "ريم العوفي",
        "mobile": "٠٥٥١٢٣٤٥٦٧",
        "email": "",
        "sex": "female",
        "age_group": "25-44",
        "governorate": str(governorate.pk),
        "nationality": "resident",
        "accommodation_needs": "مترجمة لغة إشارة",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "consent": "on",
    }


def sign_up(client, data, language="ar"):
    return client.post(f"/{language}/learn/sign-up/", data)


def test_sign_up_creates_a_learner_signs_them_in_and_keeps_the_mobile_in_one_form(client, form_data):
    response = sign_up(client, form_data)
    assert response.status_code == 302
    learner = Learner.objects.get()
    assert learner.mobile == "+966551234567"
    assert learner.user.role == "learner"
    assert learner.consented_at is not None
    assert learner.accommodation_needs == "مترجمة لغة إشارة"
    assert client.get(reverse("catalogue:my_learning")).status_code == 200


def test_sign_up_returns_to_the_registration_it_came_from(client, form_data, session):
    target = reverse("catalogue:session_register", args=[session.pk])
    response = sign_up(client, {**form_data, "next": target})
    # First the code sent to the new number, then — typed or put off ("Later") — where they were going.
    verify = f"{reverse('catalogue:mobile_verify')}?{urlencode({'next': target})}"
    assert response["Location"] == verify
    assert f'href="{target}"' in client.get(verify).content.decode()


def test_sign_up_never_redirects_off_site(client, form_data):
    response = sign_up(client, {**form_data, "next": "https://evil.example/"})
    home = reverse("catalogue:my_learning")
    assert response["Location"] == f"{reverse('catalogue:mobile_verify')}?{urlencode({'next': home})}"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("mobile", "12345", "05XXXXXXXX"),
        ("mobile", "0612345678", "05XXXXXXXX"),
        ("email", "noura@", "name@example.com"),
    ],
)
def test_an_invalid_mobile_or_email_is_explained_and_nothing_typed_is_lost(
    client, form_data, field, value, message
):
    response = sign_up(client, {**form_data, field: value})
    assert response.status_code == 400
    body = response.content.decode()
    assert message in body
    assert "ريم العوفي" in body  # the name the learner typed is still in the form
    assert "مترجمة لغة إشارة" in body
    assert not Learner.objects.exists()


def test_a_mobile_or_an_email_is_required(client, form_data):
    response = sign_up(client, {**form_data, "mobile": "", "email": ""})
    assert response.status_code == 400
    assert not Learner.objects.exists()


def test_a_duplicate_mobile_is_refused_however_it_is_written(client, form_data):
    LearnerFactory(mobile="+966551234567")
    response = sign_up(client, {**form_data, "mobile": "+966 55 123 4567"})
    assert response.status_code == 400
    assert "رقم الجوال هذا" in response.content.decode()
    assert Learner.objects.count() == 1


def test_a_duplicate_email_is_refused_whatever_its_case(client, form_data):
    LearnerFactory(user__email="reem@example.sa")
    response = sign_up(client, {**form_data, "mobile": "", "email": "Reem@Example.SA"})
    assert response.status_code == 400
    assert Learner.objects.count() == 1


def test_consent_to_the_privacy_notice_is_required(client, form_data):
    data = {key: value for key, value in form_data.items() if key != "consent"}
    response = sign_up(client, data)
    assert response.status_code == 400
    assert "إشعار الخصوصية" in response.content.decode()


def test_mismatched_passwords_are_refused(client, form_data):
    response = sign_up(client, {**form_data, "password2": "something-else-1447"})
    assert response.status_code == 400
    assert not Learner.objects.exists()


def test_errors_are_in_english_on_the_english_site(client, form_data):
    response = sign_up(client, {**form_data, "mobile": "12345"}, language="en")
    assert "Enter a Saudi mobile number" in response.content.decode()


@pytest.mark.parametrize(
    "identifier", ["0551234567", "+966551234567", "٠٥٥١٢٣٤٥٦٧", "reem@example.sa", "REEM@example.sa"]
)
def test_a_learner_signs_in_with_a_mobile_number_or_email_however_written(identifier):
    from tests.factories import TEST_PASSWORD

    LearnerFactory(mobile="+966551234567", user__email="reem@example.sa", user__username="reem")
    client = Client()
    response = client.post("/ar/accounts/login/", {"username": identifier, "password": TEST_PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]


def test_a_wrong_password_does_not_sign_in_by_mobile():
    LearnerFactory(mobile="+966551234567")
    response = Client().post(
        "/ar/accounts/login/", {"username": "0551234567", "password": "wrong-password-1"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in Client().session
