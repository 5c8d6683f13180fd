import pytest

from koppeling.sync import actions
from koppeling.sync.models import Koppeling

pytestmark = pytest.mark.django_db


@pytest.fixture
def checked(monkeypatch) -> list:
    calls = []
    monkeypatch.setattr(actions, "check_connections", lambda koppeling: calls.append(koppeling.pk))
    return calls


def _post(client, koppeling, **fields):
    data = {"k": koppeling.pk, "section": "verbinding-verkoop"}
    data.update({f"sales-{name}": value for name, value in fields.items()})
    return client.post("/configuratie/", data)


def test_it_stores_plain_fields_in_config_and_secrets_encrypted(owner_client, koppeling, checked):
    response = _post(owner_client, koppeling, url="https://thee.nl", consumer_key="ck_1", consumer_secret="cs_2")

    assert response.status_code == 302 and response["Location"].endswith("#verbinding-verkoop")
    koppeling.refresh_from_db()
    assert koppeling.sales_config["url"] == "https://thee.nl"
    assert "consumer_key" not in koppeling.sales_config
    assert koppeling.sales_credentials == {"consumer_key": "ck_1", "consumer_secret": "cs_2"}
    assert "cs_2" not in koppeling.sales_secret
    assert checked == [koppeling.pk]


def test_it_keeps_a_stored_secret_when_the_field_is_left_empty(owner_client, koppeling, checked):
    koppeling.sales_credentials = {"consumer_key": "ck_old", "consumer_secret": "cs_old"}
    koppeling.save()

    _post(owner_client, koppeling, url="https://thee.nl", consumer_key="", consumer_secret="cs_new")

    koppeling.refresh_from_db()
    assert koppeling.sales_credentials == {"consumer_key": "ck_old", "consumer_secret": "cs_new"}


def test_it_requires_secrets_that_were_never_stored(owner_client, koppeling, checked):
    response = _post(owner_client, koppeling, url="https://thee.nl", consumer_key="", consumer_secret="")

    assert response.status_code == 200
    assert "Niet opgeslagen" in response.content.decode()
    assert not Koppeling.objects.get(pk=koppeling.pk).sales_secret
    assert checked == []


def test_it_keeps_other_plain_settings(owner_client, koppeling, checked):
    koppeling.sales_config = {"verify_tls": False}
    koppeling.save()
    _post(owner_client, koppeling, url="https://thee.nl", consumer_key="a", consumer_secret="b")
    koppeling.refresh_from_db()
    assert koppeling.sales_config["verify_tls"] is False


def test_it_keeps_the_chosen_administration_when_saving_accounting_settings(owner_client, koppeling, checked):
    koppeling.accounting_config = {"administration_id": "42", "administration_name": "Thee BV"}
    koppeling.save()

    owner_client.post("/configuratie/", {"k": koppeling.pk, "section": "verbinding-boekhouding",
                                         "accounting-document_type": "invoice",
                                         "accounting-api_url": ""})

    koppeling.refresh_from_db()
    assert koppeling.accounting_config["administration_id"] == "42"
    assert koppeling.accounting_config["document_type"] == "invoice"


def test_it_refuses_another_tenants_koppeling(owner_client, koppeling, outsider_koppeling, checked):
    response = _post(owner_client, outsider_koppeling, url="https://x.nl", consumer_key="a", consumer_secret="b")
    assert response.status_code == 404
    outsider_koppeling.refresh_from_db()
    assert outsider_koppeling.sales_config == {}
