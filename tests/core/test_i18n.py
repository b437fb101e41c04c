import re

import pytest


@pytest.mark.django_db
def test_root_redirects_to_arabic(client):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302
    assert response["Location"] == "/ar/"


@pytest.mark.django_db
@pytest.mark.parametrize(("prefix", "lang", "direction"), [("ar", "ar", "rtl"), ("en", "en", "ltr")])
def test_html_lang_and_dir_follow_the_language(client, prefix, lang, direction):
    page = client.get(f"/{prefix}/").content.decode()
    assert re.search(rf'<html lang="{lang}" dir="{direction}">', page)
    stylesheet = "bootstrap.rtl.min.css" if direction == "rtl" else "bootstrap.min.css"
    assert stylesheet in page


@pytest.mark.django_db
def test_arabic_home_is_in_arabic(client):
    page = client.get("/ar/").content.decode()
    assert "منصة مدن التعلم" in page
    assert "الجهات الشريكة" in page or "الشركاء" in page


@pytest.mark.django_db
def test_language_switch_keeps_the_current_page(client, entity_a):
    response = client.post("/i18n/setlang/", {"language": "en", "next": f"/ar/partners/{entity_a.pk}/?tab=1"})
    assert response.status_code == 302
    assert response["Location"] == f"/en/partners/{entity_a.pk}/?tab=1"


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/ar/",
        "/en/",
        "/ar/partners/",
        "/en/partners/",
        "/ar/accounts/login/",
        "/en/accounts/login/",
        "/ar/learning-cities/",
    ],
)
def test_every_page_exists_in_both_languages(client, path):
    assert client.get(path).status_code == 200


@pytest.mark.django_db
def test_back_office_is_in_the_language_the_manager_uses(client, manager):
    """The found case: /admin/ opened in English LTR for a manager who came from /ar/."""
    client.force_login(manager)
    page = client.get("/ar/").content.decode()
    assert 'href="/ar/admin/"' in page  # the manager's menu
    page = client.get("/ar/admin/").content.decode()
    assert 'dir="rtl"' in page and 'lang="en"' in page  # and the switch to English
    assert 'dir="ltr"' in client.get("/en/admin/").content.decode()
    # A bare /admin/ goes to the language the browser asks for.
    assert client.get("/admin/", HTTP_ACCEPT_LANGUAGE="ar")["Location"] == "/ar/admin/"


@pytest.mark.django_db
def test_back_office_is_closed_to_other_roles(client, coordinator_a):
    client.force_login(coordinator_a)
    response = client.get("/ar/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith("/ar/accounts/login/?next=")
    assert client.get("/ar/admin/partners/entity/").status_code == 302
