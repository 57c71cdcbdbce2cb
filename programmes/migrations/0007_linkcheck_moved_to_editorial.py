# LinkCheck now belongs to the editorial app (its migration 0001); the table stays.
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("programmes", "0006_full_text_search_indexes"),
        ("editorial", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="LinkCheck")],
            database_operations=[],
        ),
    ]
