"""Shared pytest fixtures."""

import pytest
from django.core.management import call_command


@pytest.fixture
def seeded_db(db):
    """A database holding the seed content, loaded the way `make run` loads it."""
    call_command("load_seed", verbosity=0)


@pytest.fixture
def staff_client(client, django_user_model):
    """A client logged in as a staff user with every permission."""
    user = django_user_model.objects.create_superuser(
        username="redacteur", email="redacteur@example.org", password="geheim-wachtwoord-123"
    )
    client.force_login(user)
    return client
