from django.db import migrations, models

import koppeling.sync.models


def fill_tokens(apps, schema_editor):
    Koppeling = apps.get_model("sync", "Koppeling")
    for row in Koppeling.objects.filter(webhook_token__isnull=True):
        row.webhook_token = koppeling.sync.models.new_webhook_token()
        row.save(update_fields=["webhook_token"])


class Migration(migrations.Migration):
    dependencies = [("sync", "0001_initial")]

    operations = [
        migrations.AddField("koppeling", "webhook_token", models.CharField(max_length=40, null=True)),
        migrations.RunPython(fill_tokens, migrations.RunPython.noop),
        migrations.AlterField("koppeling", "webhook_token", models.CharField(
            max_length=40, unique=True, default=koppeling.sync.models.new_webhook_token)),
    ]
