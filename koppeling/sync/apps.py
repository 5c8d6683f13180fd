from django.apps import AppConfig


class SyncConfig(AppConfig):
    name = "koppeling.sync"
    label = "sync"
