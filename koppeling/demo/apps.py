from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "koppeling.demo"
    label = "demo"
