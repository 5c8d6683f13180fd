import pytest

from tests.factories import make_koppeling, make_sale

pytestmark = pytest.mark.django_db


def test_it_shows_the_selector_only_with_several_koppelingen(owner_client, koppeling):
    assert 'name="k"' not in owner_client.get("/fouten/").content.decode()
    make_koppeling(koppeling.tenant, name="Tweede winkel")
    html = owner_client.get("/fouten/").content.decode()
    assert 'id="koppeling-select"' in html and "Tweede winkel" in html


def test_it_switches_with_k_and_remembers_the_choice(owner_client, koppeling):
    second = make_koppeling(koppeling.tenant, name="Tweede winkel")
    make_sale(koppeling, number="111")
    make_sale(second, number="222")

    first_page = owner_client.get("/fouten/", {"k": second.pk}).content.decode()
    later_page = owner_client.get("/fouten/").content.decode()

    assert "222" in first_page and "111" not in first_page
    assert "222" in later_page and "111" not in later_page


def test_it_refuses_another_tenants_koppeling_in_k(owner_client, koppeling, outsider_koppeling):
    assert owner_client.get("/fouten/", {"k": outsider_koppeling.pk}).status_code == 404
    assert owner_client.get("/fouten/", {"k": "abc"}).status_code == 404


def test_it_forgets_a_remembered_koppeling_of_another_tenant(owner_client, koppeling, outsider_koppeling):
    session = owner_client.session
    session["koppeling_id"] = outsider_koppeling.pk
    session.save()
    make_sale(outsider_koppeling, number="999")

    html = owner_client.get("/fouten/").content.decode()

    assert "999" not in html
