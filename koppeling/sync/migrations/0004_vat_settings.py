from django.db import migrations, models


def rate_keys_to_categories(apps, schema_editor):
    """Mappings were keyed on the rate ("21"); they are keyed on the VAT category now ("NL_21")."""
    Koppeling = apps.get_model("sync", "Koppeling")
    for koppeling in Koppeling.objects.all():
        koppeling.vat_mapping = {(f"NL_{key}" if key.replace(".", "").isdigit() else key): value
                                 for key, value in koppeling.vat_mapping.items()}
        koppeling.save(update_fields=["vat_mapping"])


class Migration(migrations.Migration):
    dependencies = [("sync", "0003_booking_document")]

    operations = [
        migrations.AddField("koppeling", "vat_settings", models.JSONField(blank=True, default=dict)),
        migrations.RunPython(rate_keys_to_categories, migrations.RunPython.noop),
    ]
