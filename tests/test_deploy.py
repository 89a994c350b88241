"""deploy/: the compose file an operator starts, checked offline: its shape, its variables, and the
settings each aitl container would start with (validated by the app's own Settings)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml

from bot.config import Settings

DEPLOY = Path(__file__).resolve().parents[1] / "deploy"
_VAR = re.compile(r"\$\{(\w+)(?::?[-?][^}]*)?\}")


@pytest.fixture(scope="module")
def compose() -> dict:
    return yaml.safe_load((DEPLOY / "compose.yaml").read_text(encoding="utf-8"))


def _example() -> dict[str, str]:
    lines = (DEPLOY / "env.example").read_text().splitlines()
    pairs = (line.split("=", 1) for line in lines if "=" in line and not line.startswith("#"))
    return {k.strip(): v.strip() for k, v in pairs}


def _interpolate(value: str, env: dict[str, str]) -> str:
    return _VAR.sub(lambda m: env.get(m.group(1), ""), value)


def test_postgresql_two_replicas_a_proxy_and_a_tips_runner(compose: dict) -> None:
    services = compose["services"]
    assert set(services) == {"postgres", "aitl", "proxy", "tips"}
    assert services["aitl"]["deploy"]["replicas"] == 2
    assert services["postgres"]["image"].startswith("postgres:")
    assert "pg_isready" in " ".join(services["postgres"]["healthcheck"]["test"])
    for name in ("aitl", "tips"):
        assert services[name]["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert "aitl tips run" in " ".join(services["tips"]["entrypoint"])
    assert services["aitl"]["build"]["context"] == ".."
    assert (DEPLOY / ".." / services["aitl"]["build"]["dockerfile"]).is_file()


def test_every_variable_the_file_uses_is_in_env_example(compose: dict) -> None:
    used = set(_VAR.findall((DEPLOY / "compose.yaml").read_text()))
    assert used and used <= set(_example())


@pytest.mark.parametrize("mode", ["one workspace", "many workspaces"])
def test_each_aitl_container_starts_with_valid_settings_on_the_postgres_service(
    compose: dict, mode: str
) -> None:
    env = _example()
    if mode == "many workspaces":
        env.update(SLACK_BOT_TOKEN="", SLACK_CLIENT_ID="1.2", SLACK_CLIENT_SECRET="s")
    for name in ("aitl", "tips"):
        container = {
            k: _interpolate(str(v), env) for k, v in compose["services"][name]["environment"].items()
        }
        settings = Settings.from_env(container).require_slack()
        assert settings.multi_workspace is (mode == "many workspaces")
        assert settings.database_url == f"postgresql://aitl:{env['POSTGRES_PASSWORD']}@postgres:5432/aitl"
        assert env["POSTGRES_PASSWORD"] not in repr(settings)


def test_the_proxy_sends_everything_to_the_replicas_port(compose: dict) -> None:
    conf = (DEPLOY / "nginx.conf").read_text()
    port = compose["x-aitl-environment"]["PORT"]
    assert f"server aitl:{port};" in conf and "proxy_pass http://aitl;" in conf
    listen = re.search(r"listen (\d+);", conf)
    assert listen and compose["services"]["proxy"]["ports"] == [f"{listen.group(1)}:{listen.group(1)}"]


def test_the_image_installs_pinned_versions_that_meet_pyproject() -> None:
    import tomllib

    from packaging.requirements import Requirement

    root = DEPLOY.parent
    assert "pip install -c constraints.txt" in (root / "Dockerfile").read_text()
    pins = {}
    for line in (root / "constraints.txt").read_text().splitlines():
        if line and not line.startswith("#"):
            name, _, version = line.partition("==")
            pins[name] = version
    project = tomllib.loads((root / "pyproject.toml").read_text())["project"]
    for text in project["dependencies"] + project["optional-dependencies"]["postgres"]:
        requirement = Requirement(text)
        name = requirement.name.lower().replace("_", "-")
        assert name in pins, f"{name} has no pin: run scripts/pin_constraints.py"
        assert requirement.specifier.contains(pins[name], prereleases=True), (name, pins[name])


@pytest.fixture(scope="module")
def kubernetes() -> dict[str, dict]:
    documents = list(yaml.safe_load_all((DEPLOY / "kubernetes" / "aitl.yaml").read_text(encoding="utf-8")))
    return {doc["kind"]: doc for doc in documents if doc}


def test_kubernetes_deployment_is_ready_only_when_healthz_says_so(kubernetes: dict) -> None:
    from bot.cli import build_parser

    deployment = kubernetes["Deployment"]
    assert deployment["apiVersion"] == "apps/v1" and deployment["spec"]["replicas"] >= 2
    template = deployment["spec"]["template"]
    assert deployment["spec"]["selector"]["matchLabels"].items() <= template["metadata"]["labels"].items()
    (container,) = template["spec"]["containers"]
    port = container["ports"][0]
    probe = container["readinessProbe"]["httpGet"]
    assert probe["path"] == "/healthz" and probe["port"] in (port["name"], port["containerPort"])
    assert {"name": "PORT", "value": str(port["containerPort"])} in container["env"]
    assert container["args"][0] == "aitl" and build_parser().parse_args(container["args"][1:]).verb == "serve"
    assert container["envFrom"] == [{"secretRef": {"name": "aitl"}}]  # secrets only by reference
    assert template["spec"]["terminationGracePeriodSeconds"] >= 30


def test_kubernetes_service_and_cronjob_match_the_deployment(kubernetes: dict) -> None:
    from bot.cli import build_parser

    deployment, service, cron = kubernetes["Deployment"], kubernetes["Service"], kubernetes["CronJob"]
    labels = deployment["spec"]["template"]["metadata"]["labels"]
    assert service["spec"]["selector"].items() <= labels.items()
    port_names = {p["name"] for p in deployment["spec"]["template"]["spec"]["containers"][0]["ports"]}
    assert service["spec"]["ports"][0]["targetPort"] in port_names
    assert cron["apiVersion"] == "batch/v1" and len(cron["spec"]["schedule"].split()) == 5
    assert cron["spec"]["concurrencyPolicy"] == "Forbid"
    (job,) = cron["spec"]["jobTemplate"]["spec"]["template"]["spec"]["containers"]
    args = build_parser().parse_args(job["args"][1:])
    assert job["args"][:3] == ["aitl", "tips", "run"] and args.verb == "tips"
    assert job["envFrom"] == [{"secretRef": {"name": "aitl"}}]
    assert "xoxb-" not in json.dumps(kubernetes)  # no token in the manifests, only the Secret's name
