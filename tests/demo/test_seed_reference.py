import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command


# Apart from tests/demo/test_load_demo.py, whose module-wide demo every test there sees.
@pytest.mark.django_db
def test_demo_logins_are_only_created_by_the_demo_command():
    call_command("seed_reference", verbosity=0)
    assert not get_user_model().objects.exists()
