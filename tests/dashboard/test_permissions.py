"""Every page that takes an id answers 404 for another tenant's rows, and every tab needs a login."""

import pytest

from tests.factories import make_sale

pytestmark = pytest.mark.django_db

TABS = ["/", "/fouten/", "/rapportage/", "/rapportage/btw/", "/open/", "/configuratie/", "/profiel/",
        "/koppelingen/nieuw/", "/melden/"]


@pytest.mark.parametrize("url", TABS)
def test_it_sends_anonymous_visitors_to_login(client, url):
    response = client.get(url)
    assert response.status_code == 302 and response["Location"].startswith("/login/?next=")


def test_it_hides_every_object_of_another_tenant(owner_client, koppeling, outsider_koppeling):
    sale = make_sale(outsider_koppeling)
    k = outsider_koppeling.pk
    gets = [f"/verkopen/{sale.pk}/", f"/melden/?verkoop={sale.pk}", f"/configuratie/?k={k}", f"/fouten/?k={k}",
            f"/rapportage/?k={k}", f"/open/?k={k}", f"/configuratie/administratie/?k={k}"]
    posts = [(f"/verkopen/{sale.pk}/verwerk/", {}), ("/fouten/opnieuw/", {"k": k, "error_code": "X"}),
             ("/configuratie/", {"k": k, "section": "interval", "poll_interval": "30"}),
             ("/configuratie/testen/", {"k": k}), ("/configuratie/vernieuwen/", {"k": k}),
             ("/configuratie/verbinden/", {"k": k}), ("/melden/", {"verkoop": sale.pk, "note": "x"})]

    for url in gets:
        response = owner_client.get(url)
        assert response.status_code == 404, url
        assert "Deze pagina bestaat niet" in response.content.decode()
    for url, data in posts:
        assert owner_client.post(url, data).status_code == 404, url
    outsider_koppeling.refresh_from_db()
    assert outsider_koppeling.poll_interval == 15
