"""Which tests share the seed, and in what order they run: the machinery behind the
fixtures `seeded_db` (tests/conftest.py) and `seeded_live_server`
(tests/browser/conftest.py), whose docstrings say how it works."""

import os
import threading
import time
import weakref

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


class SeededLiveServer:
    """The live server of one test module, and the seed it serves, committed."""

    current = None  # the one of the module being run, if any

    def __init__(self, module, blocker, add_data):
        self.module = module
        self.blocker = blocker
        self.add_data = add_data
        self.loaded = False
        self.server = None

    def load(self):
        """Commit the seed and the module's own extra data (the database has no content)."""
        with self.blocker.unblock():
            call_command("load_seed", verbosity=0)
            if self.add_data is not None:
                self.add_data()
        self.loaded = True

    def start(self):
        from pytest_django.live_server_helper import LiveServer

        address = os.environ.get("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
        self.server = LiveServer(address)
        self.server._live_server_modified_settings.enable()
        # Note each request thread, so stop() can wait for them.
        httpd = self.server.thread.httpd
        httpd.request_threads = weakref.WeakSet()
        handle = httpd.process_request_thread

        def process_request_thread(request, client_address):
            httpd.request_threads.add(threading.current_thread())
            handle(request, client_address)

        httpd.process_request_thread = process_request_thread

    def stop(self):
        from django.contrib.contenttypes.models import ContentType

        self.server._live_server_modified_settings.disable()
        httpd = self.server.thread.httpd
        self.server.thread.terminate()
        # The server does not wait for its request threads (daemon threads); one that
        # still closes its browser connection uses the shared SQLite connection, which
        # must stay shareable until it is done.
        deadline = time.monotonic() + 5
        for thread in list(httpd.request_threads):
            thread.join(max(0, deadline - time.monotonic()))
        for connection in self.server.thread.connections_override.values():
            connection.dec_thread_sharing()
        # Empty the database as pytest-django does after a test that commits.
        with self.blocker.unblock():
            call_command("flush", interactive=False, verbosity=0)
        ContentType.objects.clear_cache()
