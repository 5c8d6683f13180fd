from django.apps import AppConfig


class DashboardConfig(AppConfig):
    name = "koppeling.dashboard"
    label = "dashboard"
