from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "koppeling.accounts"
    label = "accounts"
