from django.contrib import admin
from django.urls import include, path

from koppeling.sync import webhooks

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("webhooks/<str:token>/", webhooks.receive, name="webhook"),
    path("", include("koppeling.accounts.urls")),
    path("", include("koppeling.dashboard.urls")),
]
