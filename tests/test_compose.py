"""docker-compose.yaml, Dockerfile and .env.example agree with each other and with the project.

No Docker engine runs in CI: these read the files as compose would (YAML merge keys, ${VAR}
interpolation from .env) and check what a deployment depends on.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tomllib
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from dotenv import dotenv_values

from jinxiao import config as jx_config
from jinxiao.intake.mailbox import mailbox_config_from_conn
from jinxiao.mail.outbox import smtp_config_from_conn
from jinxiao.warehouse.connection import warehouse_config_from_conn

REPO = Path(__file__).resolve().parents[1]
PROJECT_ROOT_IN_IMAGE = "/opt/jinxiao"
AIRFLOW_SERVICES = {
    "airflow-apiserver": "api-server",
    "airflow-scheduler": "scheduler",
    "airflow-dag-processor": "dag-processor",
    "airflow-triggerer": "triggerer",
    "airflow-worker": "celery worker",
    "airflow-init": None,
}
OTHER_SERVICES = {"redis", "postgres", "warehouse-db"}
SECRETS = [
    "AIRFLOW_DB_PASSWORD",
    "WAREHOUSE_DB_PASSWORD",
    "REDIS_PASSWORD",
    "AIRFLOW_FERNET_KEY",
    "AIRFLOW_JWT_SECRET",
    "AIRFLOW_API_SECRET_KEY",
    "_AIRFLOW_WWW_USER_PASSWORD",
]
# ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?message}, ${VAR?message}; $$ is a literal $.
VAR_RE = re.compile(r"\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}")


def _interpolate(value: str, env: dict[str, str]) -> str:
    def sub(m: re.Match) -> str:
        if m.group(0) == "$$":
            return "$"
        name, op, arg = m.group(1), m.group(2), m.group(3)
        val = env.get(name)
        unset = val is None or (val == "" and op is not None and op.startswith(":"))
        if op and op.endswith("?") and unset:
            raise KeyError(f"{name}: {arg}")
        if op and op.endswith("-") and unset:
            return arg
        return val or ""

    return VAR_RE.sub(sub, value)


def _resolve(node, env: dict[str, str]):
    if isinstance(node, str):
        return _interpolate(node, env)
    if isinstance(node, list):
        return [_resolve(v, env) for v in node]
    if isinstance(node, dict):
        return {k: _resolve(v, env) for k, v in node.items()}
    return node


@pytest.fixture(scope="module")
def raw_compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def example_env() -> dict[str, str]:
    return {k: v or "" for k, v in dotenv_values(REPO / ".env.example").items()}


@pytest.fixture(scope="module")
def filled_env(example_env) -> dict[str, str]:
    """.env.example as an operator fills it in: every secret set, passwords consistent."""
    return dict(example_env) | {name: f"s3cret-{name.lower()}" for name in SECRETS}


@pytest.fixture(scope="module")
def services(raw_compose, filled_env) -> dict[str, dict]:
    return _resolve(raw_compose["services"], filled_env)


def _airflow_env(svc: dict) -> dict[str, str]:
    return {k: str(v) for k, v in svc["environment"].items()}


def _pyproject_pin(package: str) -> str:
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    return next(d.split("==", 1)[1] for d in deps if d.split("==", 1)[0] == package)


def test_every_required_service_is_defined(services):
    assert set(AIRFLOW_SERVICES) | OTHER_SERVICES <= set(services)
    for name, command in AIRFLOW_SERVICES.items():
        if command:
            assert services[name]["command"] == command, name


def test_celery_executor_with_redis_broker(services):
    for name in AIRFLOW_SERVICES:
        env = _airflow_env(services[name])
        assert env["AIRFLOW__CORE__EXECUTOR"] == "CeleryExecutor", name
        broker = urlsplit(env["AIRFLOW__CELERY__BROKER_URL"])
        assert broker.scheme == "redis" and broker.hostname == "redis", name
        # The broker is reachable from other machines, so it must ask for the password.
        assert broker.password == services["redis"]["environment"]["REDISCLI_AUTH"]
        assert broker.password in services["redis"]["command"]
        api = urlsplit(env["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"])
        assert (api.hostname, api.port, api.path) == ("airflow-apiserver", 8080, "/execution/")


def test_metadata_and_warehouse_are_different_databases(services):
    meta = urlsplit(
        _airflow_env(services["airflow-scheduler"])["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    )
    meta_db = services[meta.hostname]["environment"]
    assert meta.scheme == "postgresql+psycopg"
    assert (meta.username, meta.password, meta.path.lstrip("/")) == (
        meta_db["POSTGRES_USER"], meta_db["POSTGRES_PASSWORD"], meta_db["POSTGRES_DB"],
    )  # fmt: skip

    # Built in the compose file from WAREHOUSE_DB_PASSWORD alone: the server's and the
    # connection's password cannot drift apart.
    conn = json.loads(_airflow_env(services["airflow-worker"])["AIRFLOW_CONN_WAREHOUSE"])
    wh = warehouse_config_from_conn(
        conn["conn_type"], conn["host"], conn["port"], conn["login"], conn["password"],
        conn["schema"],
    )  # fmt: skip
    wh_db = services[wh.host]["environment"]
    assert wh.kind == "postgresql" and wh.host == "warehouse-db" and wh.port == 5432
    assert (wh.login, wh.password, wh.database) == (
        wh_db["POSTGRES_USER"], wh_db["POSTGRES_PASSWORD"], wh_db["POSTGRES_DB"],
    )  # fmt: skip
    assert meta.hostname != wh.host
    data = [set(services[h]["volumes"]) for h in (meta.hostname, wh.host)]
    assert not data[0] & data[1], "the two databases must not share a data volume"


def test_project_folders_are_mounted_read_only_where_the_package_looks(services):
    wanted = {
        "./dags": "/opt/airflow/dags",
        "./plugins": "/opt/airflow/plugins",
        "./config": f"{PROJECT_ROOT_IN_IMAGE}/config",
    }
    for name in AIRFLOW_SERVICES:
        mounts = {}
        for spec in services[name]["volumes"]:
            src, dst, *mode = spec.split(":")
            mounts[src] = (dst, mode)
        for src, dst in wanted.items():
            assert (REPO / src).is_dir(), src
            assert mounts.get(src) == (dst, ["ro"]), f"{name}: {src} -> {mounts.get(src)}"
        # SQL and suites come from the installed package, never from a stale mount.
        assert "./sql" not in mounts and "./expectations" not in mounts, name
        env = _airflow_env(services[name])
        config = Path(env["JINXIAO_CONFIG"])
        assert config.name == jx_config.DEFAULT_CONFIG.name
        assert str(config.parent) == wanted["./config"], env["JINXIAO_CONFIG"]
        # By default archive and outputs live on a named volume (one machine).
        env = _airflow_env(services[name])
        for var in ("ARCHIVE_DIR", "OUTPUT_DIR"):
            volume = [s for s, (d, _) in mounts.items() if env[var].startswith(d + "/")]
            assert volume and not volume[0].startswith("."), f"{name}: {var}={env[var]}"


def test_dockerfile_installs_the_project_where_the_mounts_are():
    text = (REPO / "Dockerfile").read_text()
    assert f"WORKDIR {PROJECT_ROOT_IN_IMAGE}\n" in text
    assert "pip install --no-cache-dir -r requirements.lock" in text
    # Installed as a package: its SQL and suites travel inside it (tests/test_wheel.py).
    assert "pip install --no-cache-dir --no-deps ." in text and " -e ." not in text
    for copied in ("pyproject.toml", "requirements.lock", "src/"):
        assert re.search(rf"^COPY .*{re.escape(copied)}", text, re.M), copied


def test_image_matches_pinned_airflow_and_python(raw_compose):
    pin = _pyproject_pin("apache-airflow")
    requires = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["requires-python"]
    python = re.search(r">=(\d+\.\d+)", requires).group(1)
    expected = f"apache/airflow:{pin}-python{python}"
    dockerfile = (REPO / "Dockerfile").read_text()
    assert f"ARG AIRFLOW_BASE_IMAGE={expected}\n" in dockerfile
    assert "FROM ${AIRFLOW_BASE_IMAGE}" in dockerfile
    common = raw_compose["x-airflow-common"]
    assert common["build"]["args"]["AIRFLOW_BASE_IMAGE"] == expected
    version = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["version"]
    assert common["image"] == f"jinxiao-airflow:{version}"


def test_airflow_services_read_env_file_and_example_defines_every_variable(
    raw_compose, example_env
):
    for name in AIRFLOW_SERVICES:
        assert raw_compose["services"][name]["env_file"] == [".env"], name
    text = (REPO / "docker-compose.yaml").read_text(encoding="utf-8")
    referenced = {m.group(1) for m in VAR_RE.finditer(text) if m.group(1)}
    assert {"AIRFLOW_DB_PASSWORD", "REDIS_PASSWORD", "AIRFLOW_FERNET_KEY"} <= referenced
    assert referenced <= set(example_env), sorted(referenced - set(example_env))
    for conn in ("SUBMISSION_MAILBOX", "SMTP_DEFAULT"):
        assert f"AIRFLOW_CONN_{conn}" in example_env
    # One password variable for the warehouse: no second copy in .env to forget.
    assert "AIRFLOW_CONN_WAREHOUSE" not in example_env
    assert "AIRFLOW_VAR_SENDER_REGISTRY" in example_env


def test_example_commits_no_secret_and_compose_refuses_to_start_without_them(example_env):
    for name in SECRETS:
        assert example_env[name] == "", f"{name} must be blank in .env.example"
        assert f"${{{name}:?" in (REPO / "docker-compose.yaml").read_text()
    for conn in ("SUBMISSION_MAILBOX", "SMTP_DEFAULT"):
        assert json.loads(example_env[f"AIRFLOW_CONN_{conn}"])["password"] == ""
    with pytest.raises(KeyError, match="AIRFLOW_DB_PASSWORD"):
        _interpolate("${AIRFLOW_DB_PASSWORD:?set in .env}", example_env)


def test_example_connections_are_ones_the_pipeline_accepts(example_env):
    mb = json.loads(example_env["AIRFLOW_CONN_SUBMISSION_MAILBOX"])
    mailbox = mailbox_config_from_conn(
        mb["conn_type"], mb["host"], mb["port"], mb["login"], mb["password"], mb["extra"]
    )
    assert mailbox.kind == "imap" and mailbox.use_ssl and mailbox.port == 993
    smtp = json.loads(example_env["AIRFLOW_CONN_SMTP_DEFAULT"])
    assert smtp_config_from_conn(
        smtp["conn_type"], smtp["host"], smtp["port"], smtp["login"], smtp["password"],
        smtp["extra"],
    ).host == smtp["host"]  # fmt: skip
    registry = Path(example_env["AIRFLOW_VAR_SENDER_REGISTRY"])
    in_repo = REPO / registry.relative_to(PROJECT_ROOT_IN_IMAGE)
    assert in_repo.resolve() == jx_config.DEFAULT_SENDER_REGISTRY.resolve() and in_repo.is_file()


def test_every_service_has_a_healthcheck_and_waits_for_healthy_ones(services):
    for name, svc in services.items():
        if name == "airflow-init":  # a one-shot job: others wait for it to complete
            continue
        test = svc.get("healthcheck", {}).get("test")
        assert test and test[0] in ("CMD", "CMD-SHELL"), name
        for dep, cond in svc.get("depends_on", {}).items():
            expected = (
                "service_completed_successfully" if dep == "airflow-init" else "service_healthy"
            )
            assert cond == {"condition": expected}, f"{name} -> {dep}"
    assert "8974/health" in " ".join(services["airflow-scheduler"]["healthcheck"]["test"])
    assert _airflow_env(services["airflow-scheduler"])["AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK"]


def test_env_file_is_ignored_and_not_tracked():
    assert ".env" in (REPO / ".gitignore").read_text().split()
    if shutil.which("git") is None or not (REPO / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files", "--", ".env"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert tracked.stdout == ""
    ignored = subprocess.run(["git", "check-ignore", "-q", ".env"], cwd=REPO)
    assert ignored.returncode == 0


def test_no_host_port_for_databases_and_broker_unless_asked(raw_compose, filled_env):
    # A host's own PostgreSQL and Redis hold 5432 and 6379: compose would fail to start.
    for name in ("postgres", "warehouse-db", "redis"):
        assert "ports" not in raw_compose["services"][name], name
    asked = yaml.safe_load((REPO / "docker-compose.ports.yaml").read_text(encoding="utf-8"))
    published = _resolve(asked["services"], filled_env)
    assert set(published) == {"postgres", "warehouse-db", "redis"}
    for name, svc in published.items():
        (spec,) = svc["ports"]
        address, _host_port, container_port = spec.split(":")
        assert address == "127.0.0.1", f"{name}: loopback unless the operator says otherwise"
        assert container_port == ("6379" if name == "redis" else "5432")


def test_time_zone_and_base_url_are_set(services, filled_env):
    for name in AIRFLOW_SERVICES:
        env = _airflow_env(services[name])
        assert env["AIRFLOW__CORE__DEFAULT_TIMEZONE"] == "Asia/Shanghai" == env["TZ"], name
        assert env["AIRFLOW__API__BASE_URL"] == filled_env["AIRFLOW_BASE_URL"], name
        assert urlsplit(env["AIRFLOW__API__BASE_URL"]).scheme in ("http", "https")
    with pytest.raises(KeyError, match="AIRFLOW_BASE_URL"):
        _interpolate("${AIRFLOW_BASE_URL:?set in .env}", {})


def test_archive_and_outputs_may_be_object_storage(raw_compose, filled_env):
    shared = filled_env | {
        "JINXIAO_ARCHIVE_URL": "s3://jinxiao/archive",
        "JINXIAO_OUTPUT_URL": "s3://jinxiao/output",
    }
    env = _airflow_env(_resolve(raw_compose["services"], shared)["airflow-worker"])
    assert (env["ARCHIVE_DIR"], env["OUTPUT_DIR"]) == (
        "s3://jinxiao/archive",
        "s3://jinxiao/output",
    )


def _lock() -> dict[str, str]:
    pins = {}
    for line in (REPO / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith((" ", "#")):
            name, version = line.split("==", 1)
            pins[name.split("[")[0].lower()] = version.strip()
    return pins


def test_celery_and_fab_providers_are_locked_at_versions_for_this_airflow():
    from importlib.metadata import requires, version

    from packaging.requirements import Requirement

    lock = _lock()
    airflow = _pyproject_pin("apache-airflow")
    assert lock["apache-airflow"] == airflow
    for provider in ("apache-airflow-providers-celery", "apache-airflow-providers-fab"):
        assert lock[provider] == _pyproject_pin(provider), provider
        # The installed provider is the locked one, and says it runs on the pinned Airflow
        # and on the locked versions of what it needs (pip check, for these two).
        assert version(provider) == lock[provider], provider
        for spec in map(Requirement, requires(provider) or []):
            if spec.marker is not None and not spec.marker.evaluate({"extra": ""}):
                continue
            name = spec.name.lower()
            if name in lock:
                assert spec.specifier.contains(lock[name], prereleases=True), (provider, spec)
    assert "celery" in lock and "redis" in lock and "s3fs" in lock
