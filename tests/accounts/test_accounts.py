import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client, override_settings

from learningcity.accounts.models import Role
from tests.factories import TEST_PASSWORD, UserFactory, coordinator_user


@pytest.mark.django_db
@override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.Argon2PasswordHasher"])
def test_passwords_are_hashed_with_argon2():
    user = get_user_model().objects.create_user(username="nora", password="a-long-passphrase-2025")
    assert user.password.startswith("argon2$")


@pytest.mark.django_db
def test_login_with_username_and_password_then_what_needs_them(client):
    UserFactory(username="viewer1", role=Role.VIEWER)
    page = client.get("/ar/accounts/login/").content.decode()
    assert 'name="username"' in page and 'name="password"' in page
    response = client.post("/ar/accounts/login/", {"username": "viewer1", "password": TEST_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/ar/my-work/"


@pytest.mark.django_db
def test_wrong_password_shows_an_error_in_arabic(client):
    UserFactory(username="viewer1")
    page = client.post("/ar/accounts/login/", {"username": "viewer1", "password": "wrong"}).content.decode()
    assert "الرجاء إدخال اسم المستخدم وكلمة السر الصحيحين" in page


@pytest.mark.django_db
def test_lockout_after_repeated_failed_logins(client, settings):
    UserFactory(username="target")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/en/accounts/login/", {"username": "target", "password": "wrong"})
    # Even the right password is refused while locked out.
    response = client.post("/en/accounts/login/", {"username": "target", "password": TEST_PASSWORD})
    assert response.status_code == 429
    assert "Too many failed attempts" in response.content.decode()
    # Another account from the same address is not locked.
    UserFactory(username="other")
    assert (
        Client().post("/en/accounts/login/", {"username": "other", "password": TEST_PASSWORD}).status_code
        == 302
    )


@pytest.mark.django_db
def test_every_spelling_of_one_account_shares_one_lockout(client, settings):
    from tests.factories import LearnerFactory

    LearnerFactory(user__username="learner", mobile="+966500000001")
    spellings = [
        "learner",
        "LEARNER",
        "lEarner",
        "0500000001",
        "+966500000001",
        "966500000001",
        "00966500000001",
    ]
    for attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/en/accounts/login/", {"username": spellings[attempt % len(spellings)], "password": "wrong"}
        )
    # Locked as `learner` and as every other way of naming the account, right password or not.
    for spelling in spellings:
        response = client.post("/en/accounts/login/", {"username": spelling, "password": TEST_PASSWORD})
        assert response.status_code == 429, spelling


@pytest.mark.django_db
def test_logout_is_a_post(client):
    user = UserFactory(username="viewer1")
    client.force_login(user)
    assert client.post("/ar/accounts/logout/").status_code == 200
    assert client.get("/ar/accounts/profile/").status_code == 302


@pytest.mark.django_db
def test_password_reset_by_email(client):
    UserFactory(username="nora", email="nora@example.sa")
    response = client.post("/en/accounts/password_reset/", {"email": "nora@example.sa"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    link = re.search(r"http://testserver(/en/accounts/reset/\S+/)", mail.outbox[0].body).group(1)
    form_page = client.get(link, follow=True)
    set_password_url = form_page.redirect_chain[-1][0]
    response = client.post(
        set_password_url,
        {"new_password1": "a-brand-new-passphrase", "new_password2": "a-brand-new-passphrase"},
    )
    assert response.status_code == 302
    assert get_user_model().objects.get(username="nora").check_password("a-brand-new-passphrase")


@pytest.mark.django_db
def test_profile_lists_entities_and_role(client, entity_a, entity_b):
    user = coordinator_user(entity_a, "nora", gender="f")
    user.coordinator_records.create(entity=entity_b, full_name_ar="نورة", gender="f", role_in_entity="deputy")
    client.force_login(user)
    page = client.get("/ar/accounts/profile/").content.decode()
    assert entity_a.name_ar in page and entity_b.name_ar in page
    assert "منسقة" in page
    page = client.get("/en/accounts/profile/").content.decode()
    assert "Partner coordinator" in page
    assert "Deputy coordinator" in page


@pytest.mark.django_db
def test_spraying_many_accounts_from_one_address_is_stopped(settings):
    """axes gives each account five tries per address; the address's own cap stops one
    connection trying a common password against account after account."""
    settings.SIGN_IN_LIMITS = {**settings.SIGN_IN_LIMITS, "address": (6, 3600)}
    sprayer = Client(REMOTE_ADDR="203.0.113.66")
    for number in range(6):
        UserFactory(username=f"sprayed{number}")
        response = sprayer.post(
            "/en/accounts/login/", {"username": f"sprayed{number}", "password": "Summer2026"}
        )
        assert response.status_code == 200  # wrong password, form shown again
    UserFactory(username="next")
    refused = sprayer.post("/en/accounts/login/", {"username": "next", "password": TEST_PASSWORD})
    assert refused.status_code == 429 and 0 < int(refused["Retry-After"]) <= 3600
    assert "from your connection" in refused.content.decode()
    assert "_auth_user_id" not in sprayer.session  # even the right password is refused
    # Another connection is not affected.
    assert (
        Client(REMOTE_ADDR="203.0.113.67")
        .post("/en/accounts/login/", {"username": "next", "password": TEST_PASSWORD})
        .status_code
        == 302
    )


@pytest.mark.django_db
def test_a_guess_at_one_account_from_many_addresses_backs_off(settings, monkeypatch):
    """Failures against one account count from every address (however it is spelled); beyond
    the limit each further attempt waits twice as long, and the owner signs in once it has."""
    from tests.factories import LearnerFactory

    settings.SIGN_IN_LIMITS = {**settings.SIGN_IN_LIMITS, "account": (4, 60, 3600)}
    LearnerFactory(user__username="guessed", mobile="+966500000077")
    clock = [1_800_000_000.0]
    monkeypatch.setattr("learningcity.core.signin_limits.time.time", lambda: clock[0])
    spellings = ["guessed", "GUESSED", "0500000077", "+966500000077"]
    for number, spelling in enumerate(spellings):  # four addresses, one try each
        Client(REMOTE_ADDR=f"198.51.100.{number + 1}").post(
            "/en/accounts/login/", {"username": spelling, "password": "wrong"}
        )
    owner = Client(REMOTE_ADDR="192.0.2.200")
    refused = owner.post("/en/accounts/login/", {"username": "guessed", "password": TEST_PASSWORD})
    assert refused.status_code == 429 and refused["Retry-After"] == "60"
    assert "This account has had many failed attempts" in refused.content.decode()
    # After the wait, one more wrong guess doubles it.
    clock[0] += 61
    Client(REMOTE_ADDR="198.51.100.9").post("/en/accounts/login/", {"username": "guessed", "password": "x"})
    assert (
        owner.post("/en/accounts/login/", {"username": "guessed", "password": TEST_PASSWORD})["Retry-After"]
        == "120"
    )
    clock[0] += 121
    assert (
        owner.post("/en/accounts/login/", {"username": "guessed", "password": TEST_PASSWORD}).status_code
        == 302
    )
    # Signing in forgets the failures.
    assert (
        Client(REMOTE_ADDR="198.51.100.10")
        .post("/en/accounts/login/", {"username": "guessed", "password": "x"})
        .status_code
        == 200
    )


@pytest.mark.django_db
def test_sign_in_paused_page_is_in_arabic(settings):
    settings.SIGN_IN_LIMITS = {**settings.SIGN_IN_LIMITS, "address": (1, 3600)}
    client = Client(REMOTE_ADDR="203.0.113.80")
    client.post("/ar/accounts/login/", {"username": "nobody", "password": "x"})
    page = client.post("/ar/accounts/login/", {"username": "nobody", "password": "x"})
    assert page.status_code == 429
    # The wait ends with the hour's window, so it is between a minute and an hour.
    assert re.search(
        r"جاءت محاولات دخول فاشلة كثيرة من اتصالك\. تُتاح المحاولة مرة أخرى بعد (دقيقة|دقيقتين|\d+ دقائق|\d+ دقيقة)\.",
        page.content.decode(),
    )


@pytest.mark.django_db
def test_an_overlong_identifier_is_a_refused_sign_in(client):
    """axes records a failure against the identifier typed; one longer than its column failed
    the write on PostgreSQL (a server error)."""
    response = client.post("/ar/accounts/login/", {"username": "م" * 5000, "password": "wrong"})
    assert response.status_code == 200
    assert response.context["form"].errors
