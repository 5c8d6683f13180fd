from django.urls import path

from koppeling.dashboard.views import (
    administration,
    config,
    connect,
    failed,
    health,
    home,
    koppelingen,
    open_sales,
    reports,
    sale,
    vat_return,
    webhook_setup,
)
from koppeling.support import views as support

app_name = "dashboard"
urlpatterns = [
    path("", home.home, name="home"),
    path("fouten/", failed.failed, name="failed"),
    path("fouten/opnieuw/", failed.reprocess_cause, name="reprocess_cause"),
    path("rapportage/", reports.reports, name="reports"),
    path("rapportage/btw/", vat_return.vat_check, name="vat_check"),
    path("open/", open_sales.open_sales, name="open"),
    path("verkopen/<int:sale_id>/", sale.sale_detail, name="sale"),
    path("verkopen/<int:sale_id>/verwerk/", sale.process, name="process"),
    path("configuratie/", config.config, name="config"),
    path("configuratie/vernieuwen/", config.refresh, name="refresh"),
    path("configuratie/testen/", config.check, name="check"),
    path("configuratie/verbinden/", connect.connect, name="connect"),
    path("configuratie/verbonden/", connect.callback, name="connect_callback"),
    path("configuratie/administratie/", administration.administration, name="administration"),
    path("configuratie/webhooks/", webhook_setup.register, name="register_webhooks"),
    path("koppelingen/nieuw/", koppelingen.new_koppeling, name="new_koppeling"),
    path("melden/", support.report_problem, name="report_problem"),
    path("melden/<int:report_id>/", support.report_received, name="report_received"),
    path("health/", health.health, name="health"),
]
