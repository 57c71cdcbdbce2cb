"""`make bench`: build the databases, measure, load-test, write docs/performance.md.

Each Django part runs in its own subprocess with the production settings: the
databases (bench/generate.py), queries and server time (bench/measure.py), throughput
and the load run (bench/load.py), the report (bench/report.py). The options are
environment variables (BENCH_QUICK, BENCH_SIZES, ...), listed in bench/README.md.

Exits non-zero when wrk is missing, gunicorn does not start, a page answers with a
server error, or the load run had any error.
"""

import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = ROOT / "var" / "bench"
PYTHON = sys.executable
DEFAULT_SIZES = (0, 500, 5000)


def log(message):
    print(f"[bench] {message}", flush=True)


def env_int(name, default):
    return int(os.environ.get(name, default))


class Config:
    def __init__(self):
        self.quick = os.environ.get("BENCH_QUICK", "") not in ("", "0")
        sizes = os.environ.get("BENCH_SIZES", "")
        self.sizes = (
            tuple(int(size) for size in sizes.split(",") if size.strip())
            if sizes
            else DEFAULT_SIZES
        )
        self.requests = env_int("BENCH_REQUESTS", 10 if self.quick else 50)
        self.warmup = env_int("BENCH_WARMUP", 2 if self.quick else 5)
        self.workers = env_int("BENCH_WORKERS", 4)
        self.duration = env_int("BENCH_DURATION", 3 if self.quick else 10)
        self.load_seconds = env_int("BENCH_LOAD_SECONDS", 15 if self.quick else 60)
        self.load_connections = env_int("BENCH_LOAD_CONNECTIONS", 50)
        # BENCH_NO_LOAD=1: only the in-process part (no gunicorn, no wrk).
        self.load = os.environ.get("BENCH_NO_LOAD", "") in ("", "0")
        default_output = (BENCH_DIR if self.quick else ROOT / "docs") / "performance.md"
        self.output = Path(os.environ.get("BENCH_OUTPUT", default_output))

    def as_dict(self):
        return {
            key: str(value) if isinstance(value, Path) else value
            for key, value in vars(self).items()
        }


def base_env(runtime_dir, database=None):
    """The production settings, as on a server, pointed at bench files."""
    env = dict(os.environ)
    for name in list(env):
        if name.startswith(("DJANGO_", "DATABASE_", "CACHE_")):
            del env[name]
    if os.environ.get("BENCH_CACHE_URL"):
        # e.g. redis://127.0.0.1:6379/0 to measure a shared cache; local memory by default.
        env["CACHE_URL"] = os.environ["BENCH_CACHE_URL"]
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "toolkit_site.settings.prod",
            "DJANGO_SECRET_KEY": runtime_dir.secret_key,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
            # Plain http on loopback; in production a TLS proxy sits in front.
            "DJANGO_SECURE_SSL_REDIRECT": "0",
            "DJANGO_LOG_LEVEL": "WARNING",
            "TOOLKIT_VAR_DIR": str(runtime_dir.path),
            "PYTHONPATH": str(ROOT),
        }
    )
    if database:
        env["DATABASE_URL"] = f"sqlite:///{database}"
    return env


class Runtime:
    """A temporary var directory: collected static files and the place index."""

    def __init__(self):
        BENCH_DIR.mkdir(parents=True, exist_ok=True)
        for old in BENCH_DIR.glob("runtime-*"):  # left by an interrupted run
            if time.time() - old.stat().st_mtime > 3600:
                shutil.rmtree(old, ignore_errors=True)
        self.path = Path(tempfile.mkdtemp(prefix="runtime-", dir=BENCH_DIR))
        self.secret_key = secrets.token_urlsafe(50)

    def prepare(self):
        places = ROOT / "var" / "cache" / "places-nl.json"
        env = base_env(self)
        if places.exists():
            (self.path / "cache").mkdir()
            shutil.copy2(places, self.path / "cache" / places.name)
        else:
            run([PYTHON, "manage.py", "build_places"], env)
        log("collectstatic into a temporary STATIC_ROOT")
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"], env)
        manifest = json.loads((self.path / "staticfiles" / "staticfiles.json").read_text())
        return "/static/" + manifest["paths"]["css/site.css"]

    def remove(self):
        shutil.rmtree(self.path, ignore_errors=True)


def run(command, env, capture=False):
    result = subprocess.run(command, cwd=ROOT, env=env, text=True, capture_output=capture)
    if result.returncode != 0:
        if capture:
            sys.stderr.write(result.stdout + result.stderr)
        raise subprocess.CalledProcessError(result.returncode, command)
    return result.stdout if capture else None


def size_label(size):
    return "seed" if size == 0 else str(size)


def database_for(size, runtime):
    """The database of one size: reused when its fingerprint matches, else built."""
    fingerprint = run(
        [PYTHON, "-m", "bench.generate", "--fingerprint"], base_env(runtime), capture=True
    ).strip()
    stem = f"db-{size_label(size)}"
    database = BENCH_DIR / f"{stem}-{fingerprint}.sqlite3"
    meta = database.with_suffix(".json")
    if database.exists() and meta.exists():
        log(f"{size_label(size)}: reusing {database.relative_to(ROOT)}")
        return database, meta
    for old in BENCH_DIR.glob(f"{stem}-*"):
        old.unlink()
    partial = database.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    log(f"{size_label(size)}: building {database.relative_to(ROOT)}")
    start = time.perf_counter()
    run(
        [PYTHON, "-m", "bench.generate", "--programmes", str(size), "--meta", str(meta)],
        base_env(runtime, partial),
        capture=True,
    )
    partial.rename(database)
    log(f"{size_label(size)}: built in {time.perf_counter() - start:.0f} s")
    return database, meta


def machine():
    import platform
    import sqlite3
    from importlib import metadata

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    wrk = shutil.which("wrk")
    wrk_version = ""
    if wrk:
        output = subprocess.run([wrk, "--version"], capture_output=True, text=True)
        wrk_version = (output.stdout + output.stderr).split("Copyright")[0].strip()
    return {
        "cpus": os.cpu_count(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "django": metadata.version("django"),
        "gunicorn": metadata.version("gunicorn"),
        "whitenoise": metadata.version("whitenoise"),
        "sqlite": sqlite3.sqlite_version,
        "wrk": wrk_version,
        "platform": platform.platform(),
        "load_average_before": [round(value, 1) for value in os.getloadavg()],
    }


def main() -> int:
    from bench import load

    config = Config()
    started = time.time()
    if config.load and not shutil.which("wrk"):
        log(
            "wrk is missing: the load generator is needed for the throughput and load runs. "
            "Install it with: apt-get install wrk"
        )
        return 2
    results = {
        "started": time.strftime("%Y-%m-%d %H:%M:%S %Z", time.localtime(started)),
        "config": config.as_dict(),
        "machine": machine(),
        "sizes": {},
    }
    runtime = Runtime()
    try:
        static_url = runtime.prepare()
        databases = {}
        for size in config.sizes:
            databases[size] = database_for(size, runtime)
        for size, (database, meta) in databases.items():
            log(f"{size_label(size)}: queries and server time per page")
            out = runtime.path / f"measure-{size}.json"
            command = [PYTHON, "-m", "bench.measure", "--meta", str(meta), "--out", str(out)]
            command += ["--requests", str(config.requests), "--warmup", str(config.warmup)]
            run(command, base_env(runtime, database))
            results["sizes"][size_label(size)] = {
                "data": json.loads(meta.read_text())["counts"],
                **json.loads(out.read_text()),
            }
        if not config.load:
            return finish(results, config, started)
        load_size = max(config.sizes)
        database, meta = databases[load_size]
        samples = json.loads(meta.read_text()).get("sample_programmes", [])
        results["load"] = load.run_all(
            config,
            env=base_env(runtime, database),
            static_url=static_url,
            pages=results["sizes"][size_label(load_size)]["pages"],
            extra_paths=[f"/opleidingen/{slug}/" for slug in samples[1:]],
            size_label=size_label(load_size),
            log_dir=BENCH_DIR,
        )
    finally:
        runtime.remove()
    return finish(results, config, started)


def finish(results, config, started):
    from bench import report

    results["machine"]["load_average_after"] = [round(value, 1) for value in os.getloadavg()]
    results["seconds"] = round(time.time() - started)
    failures = report.write(results, config.output)
    log(f"report: {config.output}")
    log(f"done in {results['seconds']} s")
    for failure in failures:
        log(f"FAILED: {failure}")
    return 1 if failures else 0
