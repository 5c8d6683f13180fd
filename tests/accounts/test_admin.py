import pytest

from koppeling.accounts.models import User

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(User.objects.create_superuser("support", "support@koppeling.local", "x"))
    return client


def test_it_shows_tenants_with_their_users_and_licence_key(admin_client, owner):
    html = admin_client.get(f"/admin/accounts/tenant/{owner.tenant.pk}/change/").content.decode()
    assert owner.tenant.licence_key in html and "anna@theehuis.nl" in html


def test_it_shows_the_tenant_of_each_user(admin_client, owner):
    html = admin_client.get("/admin/accounts/user/").content.decode()
    assert "anna@theehuis.nl" in html and "Theehuis Utrecht" in html
