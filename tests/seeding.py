"""Which tests share the seed, and in what order they run: the machinery behind the
fixtures `seeded_db` (tests/conftest.py) and `seeded_live_server`
(tests/browser/conftest.py), whose docstrings say how it works."""

from django.core.management import call_command
from pytest_django.plugin import validate_django_db

TRANSACTIONAL_FIXTURES = ("transactional_db", "live_server", "django_db_reset_sequences")


def is_transactional(item):
    """Whether the test commits, so pytest-django empties the database after it."""
    marker = item.get_closest_marker("django_db")
    if marker is not None:
        transaction, reset_sequences, *_ = validate_django_db(marker)
        if transaction or reset_sequences:
            return True
    names = getattr(item, "fixturenames", ())
    return any(name in names for name in TRANSACTIONAL_FIXTURES)


def uses_db(item):
    names = getattr(item, "fixturenames", ())
    return item.get_closest_marker("django_db") is not None or "db" in names


def wants_shared_seed(item):
    return "seeded_db" in getattr(item, "fixturenames", ()) and not is_transactional(item)


def reads_seeded_live_server(item):
    return "seeded_live_server" in getattr(item, "fixturenames", ()) and not is_transactional(item)


def run_order(item):
    if wants_shared_seed(item):
        return 0
    if is_transactional(item):
        return 3
    if reads_seeded_live_server(item):
        return 2
    if uses_db(item):
        return 1
    return 4


class SharedSeed:
    """The seed in an outer transaction, open while one module's tests run."""

    current = None  # the instance of the module being run, if any

    def __init__(self, module, blocker):
        self.module = module
        self.blocker = blocker
        self.atomic = None

    @property
    def is_open(self):
        return self.atomic is not None

    def open(self):
        if self.is_open:
            return
        from django.db import transaction

        with self.blocker.unblock():
            atomic = transaction.atomic()
            # As Django's TestCase marks its own: a durable atomic block in the code
            # under test may still start inside it.
            atomic._from_testcase = True
            atomic.__enter__()
            try:
                call_command("load_seed", verbosity=0)
            except BaseException:
                transaction.set_rollback(True)
                atomic.__exit__(None, None, None)
                raise
        self.atomic = atomic

    def close(self):
        if not self.is_open:
            return
        from django.db import transaction

        atomic, self.atomic = self.atomic, None
        with self.blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
