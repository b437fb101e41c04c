"""Signing in through OpenID Connect against a real provider (identity_provider/, django-oauth-
toolkit) on loopback: the platform's Authlib client goes out with PKCE, state and nonce, the
person signs in at the provider's own page, and the platform checks the ID token it gets back.
First sign-in, first-time linking, a wrong state, expired and wrongly signed ID tokens,
signing out of both, organisation accounts for staff, and the audit of each."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from learningcity.catalogue.models import Learner
from learningcity.catalogue.services.personal_data import learner_data_export
from learningcity.core.models import AuditEntry
from learningcity.identity.linking import hash_national_id
from learningcity.identity.models import LinkedIdentity
from learningcity.notifications.models import Notification
from tests.factories import TEST_PASSWORD, EntityFactory, GovernorateFactory, LearnerFactory, UserFactory
from tests.identity_provider_client import Browser

pytestmark = pytest.mark.django_db

REEM = "1023456789"  # a citizen the provider knows: +966551234567, reem.alaufi@example.sa


def go_out(client, provider="national", language="ar", query=""):
    """Press the provider's button on the platform: the address of the provider it leads to."""
    response = client.get(f"/{language}/sign-in/with/{provider}/{query}")
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, browser, username, provider="national", language="ar", query=""):
    """The whole round: out to the provider, signed in there, back to the platform's callback."""
    back = browser.follow(go_out(client, provider, language, query), username)
    parts = urlsplit(back)
    assert parts.path == f"/identity/{provider}/callback/"
    return client.get(f"{parts.path}?{parts.query}")


def new_learner_details(governorate):
    return {
        "sex": "female",
        "age_group": "25-44",
        "governorate": governorate.pk,
        "nationality": "citizen",
        "consent": "on",
        "mobile": "0551234567",
        "email": "",
    }


def test_the_way_out_carries_pkce_state_and_nonce(oidc):
    query = parse_qs(urlsplit(go_out(Client())).query)
    assert query["response_type"] == ["code"] and query["client_id"] == ["learningcity-national"]
    assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) >= 43
    assert query["state"][0] and query["nonce"][0] and "openid" in query["scope"][0].split()
    assert query["redirect_uri"] == ["http://testserver/identity/national/callback/"]


def test_a_first_sign_in_creates_a_learner_with_the_verified_name_and_no_duplicate_later(oidc):
    client, browser, governorate = Client(), Browser(), GovernorateFactory()
    arrived = sign_in(client, browser, REEM)
    assert arrived.status_code == 302 and arrived["Location"] == "/ar/sign-in/new-learner/"
    page = client.get("/ar/sign-in/new-learner/").content.decode()
    assert "ريم سالم العوفي" in page and 'name="password1"' not in page and 'name="full_name"' not in page
    done = client.post("/ar/sign-in/new-learner/", new_learner_details(governorate))
    assert done.status_code == 302, done.content.decode()[:3000]
    learner = Learner.objects.get()
    assert learner.full_name == "ريم سالم العوفي" and learner.name_verified_by == "national"
    assert learner.mobile == "+966551234567" and learner.mobile_verified_at is not None
    assert not learner.user.has_usable_password()
    identity = LinkedIdentity.objects.get()
    # The number is kept as a keyed hash only.
    assert identity.national_id == "" and identity.national_id_hash == hash_national_id(REEM) != REEM
    assert client.get("/ar/learn/my-learning/").status_code == 200

    # Signed out, then in again: the same account, straight away.
    client.post("/ar/accounts/logout/")
    again = sign_in(Client(), Browser(), REEM)
    assert again.status_code == 302 and again["Location"] == "/ar/my-work/"
    assert Learner.objects.count() == 1 and LinkedIdentity.objects.count() == 1
    actions = list(AuditEntry.objects.filter(object_id=str(identity.pk)).values_list("action", "changes"))
    assert ("link", {"provider": [None, "national"], "assurance": [None, "national_identity"]}) in actions
    assert ("sign_in", {"provider": [None, "national"], "assurance": [None, "national_identity"]}) in actions
    # …and in the learner's own copy of their data.
    data = learner_data_export(learner=learner)
    assert data["linked_identities"][0]["provider"] == "national"
    assert data["linked_identities"][0]["national_identity_number"] == "kept as a keyed hash"
    assert {entry["what"] for entry in data["sign_ins_and_links"]} >= {"link", "sign_in"}


def test_the_national_identity_number_is_kept_when_a_setting_asks(oidc, settings):
    settings.NATIONAL_ID_STORED = True
    client, governorate = Client(), GovernorateFactory()
    sign_in(client, Browser(), REEM)
    client.post("/ar/sign-in/new-learner/", new_learner_details(governorate))
    assert LinkedIdentity.objects.get().national_id == REEM


def test_an_existing_account_is_linked_only_after_the_person_proves_it_is_theirs(oidc):
    learner = LearnerFactory(full_name="نورة", mobile="+966551234567", mobile_verified_at=timezone.now())
    client = Client()
    arrived = sign_in(client, Browser(), REEM)
    assert arrived["Location"] == "/ar/sign-in/link/"
    # Not linked, not signed in, nothing duplicated, until the proof.
    assert not LinkedIdentity.objects.exists() and Learner.objects.count() == 1
    assert client.get("/ar/learn/my-learning/").status_code == 302
    page = client.get("/ar/sign-in/link/").content.decode()
    assert "/ar/accounts/login/?next=/ar/sign-in/linked/" in page
    # Someone else's password does not prove it.
    other = LearnerFactory()
    client.post("/ar/accounts/login/", {"username": other.user.username, "password": TEST_PASSWORD})
    assert not LinkedIdentity.objects.exists()
    client.post("/ar/accounts/logout/")
    # Her own password does; the link waits in her session across the sign-in.
    client = Client()
    sign_in(client, Browser(), REEM)
    signed = client.post(
        "/ar/accounts/login/?next=/ar/sign-in/linked/",
        {"username": learner.user.username, "password": TEST_PASSWORD, "next": "/ar/sign-in/linked/"},
    )
    assert signed.status_code == 302
    identity = LinkedIdentity.objects.get()
    assert identity.user == learner.user
    learner.refresh_from_db()
    assert learner.full_name == "ريم سالم العوفي" and learner.name_verified_by == "national"
    assert sign_in(Client(), Browser(), REEM)["Location"] == "/ar/my-work/"


def test_a_wrong_state_is_refused_in_the_persons_language(oidc):
    client = Client()
    back = Browser().follow(go_out(client, language="en"), REEM)
    parts = urlsplit(back)
    query = parse_qs(parts.query)
    forged = client.get(parts.path, {"code": query["code"][0], "state": "forged-state"})
    assert forged.status_code == 400
    assert "started in another window or has expired" in forged.content.decode()
    assert "_auth_user_id" not in client.session and not Learner.objects.exists()
    # Nor does the code work from a session that never went out.
    assert Client().get(f"{parts.path}?{parts.query}").status_code == 400


@pytest.mark.parametrize("how", ["expired", "wrong_key"])
def test_an_expired_or_wrongly_signed_id_token_signs_no_one_in(oidc, how):
    LearnerFactory(mobile="+966551234567", mobile_verified_at=timezone.now())
    oidc.misbehave(how)
    client = Client()
    refused = sign_in(client, Browser(), REEM)
    assert refused.status_code == 400
    assert "لم يُسجَّل دخولك" in refused.content.decode() or "could not be trusted" in refused.content.decode()
    assert "_auth_user_id" not in client.session and "identity.pending" not in client.session
    assert not LinkedIdentity.objects.exists()


def test_signing_out_ends_the_session_at_the_provider_too(oidc):
    client, browser, governorate = Client(), Browser(), GovernorateFactory()
    sign_in(client, browser, REEM)
    client.post("/ar/sign-in/new-learner/", new_learner_details(governorate))
    client.post("/ar/accounts/logout/")
    assert sign_in(client, browser, REEM)["Location"] == "/ar/my-work/"  # the provider remembered her
    out = client.post("/ar/accounts/logout/")
    assert out.status_code == 302
    end = urlsplit(out["Location"])
    assert end.path == "/o/logout/" and "id_token_hint" in parse_qs(end.query)
    assert parse_qs(end.query)["post_logout_redirect_uri"] == ["http://testserver/"]
    assert urlsplit(browser.follow(out["Location"])).netloc == "testserver"
    assert "_auth_user_id" not in client.session
    # At the provider she is signed out: the next round asks who she is.
    with pytest.raises(AssertionError, match="asks who is signing in"):
        browser.follow(go_out(Client()))


def test_a_staff_member_from_a_known_organisation_waits_for_a_role_given_on_the_platform(oidc, manager):
    EntityFactory(name_ar="الإدارة العامة للتعليم", email="info@gae.example.sa")
    client = Client()
    arrived = sign_in(client, Browser(), "khalid", provider="organisation")
    assert arrived["Location"] == "/ar/sign-in/waiting/"
    waiting = client.get(arrived["Location"])
    assert waiting.status_code == 200 and "ينتظر" in waiting.content.decode()
    identity = LinkedIdentity.objects.get()
    user = identity.user
    # An account, but no power: inactive, a viewer's role until a manager decides.
    assert (user.is_active, user.email, identity.entity.email) == (
        False,
        "khalid.alahmadi@gae.example.sa",
        "info@gae.example.sa",
    )
    assert "_auth_user_id" not in client.session
    assert Notification.objects.filter(recipient=manager, kind="identity.staff_waiting").exists()
    user.is_active = True
    user.role = "coordinator"
    user.save()
    assert sign_in(Client(), Browser(), "khalid", provider="organisation")["Location"] == "/ar/my-work/"


def test_an_organisation_the_platform_does_not_know_cannot_sign_in(oidc, settings):
    settings.IDENTITY_PROVIDERS["organisation"]["email_domains"] = ["another.example.sa"]
    refused = sign_in(Client(), Browser(), "khalid", provider="organisation")
    assert refused.status_code == 400 and not LinkedIdentity.objects.exists()


def test_a_manager_can_require_staff_to_use_their_organisation_account(
    oidc, manager, coordinator_a, settings
):
    assert (
        Client()
        .post("/ar/accounts/login/", {"username": "coordinator_a", "password": TEST_PASSWORD})
        .status_code
        == 302
    )
    managing = Client()
    managing.force_login(manager)
    assert managing.post("/ar/accounts/staff-sign-in/", {"organisation_required": "on"}).status_code == 302
    refused = Client().post("/en/accounts/login/", {"username": "coordinator_a", "password": TEST_PASSWORD})
    assert refused.status_code == 200 and "organisation" in refused.content.decode()
    # A learner's password still works; so does a superuser's, the way in if the provider is down.
    learner = LearnerFactory()
    assert (
        Client()
        .post("/ar/accounts/login/", {"username": learner.user.username, "password": TEST_PASSWORD})
        .status_code
        == 302
    )
    UserFactory(username="root", role="programme_manager", is_superuser=True)
    assert (
        Client().post("/ar/accounts/login/", {"username": "root", "password": TEST_PASSWORD}).status_code
        == 302
    )
    assert AuditEntry.objects.filter(action="update", changes__organisation_required=[None, True]).exists()
    # Without an organisation provider configured, staff keep their passwords.
    settings.IDENTITY_PROVIDERS = oidc.settings_for("national")
    assert (
        Client()
        .post("/ar/accounts/login/", {"username": "coordinator_a", "password": TEST_PASSWORD})
        .status_code
        == 302
    )
