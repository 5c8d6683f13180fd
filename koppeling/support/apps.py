from django.apps import AppConfig


class SupportConfig(AppConfig):
    name = "koppeling.support"
    label = "support"
