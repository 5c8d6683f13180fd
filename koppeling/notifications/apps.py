from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "koppeling.notifications"
    label = "notifications"
