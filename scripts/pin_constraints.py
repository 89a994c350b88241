"""Write constraints.txt: the exact versions installed here of aitl's runtime dependencies and the
postgres extra, with everything they pull in (what the Docker image installs, as tested).

    python scripts/pin_constraints.py     # in a venv with `pip install -e '.[postgres]'`
"""

from __future__ import annotations

import tomllib
from importlib.metadata import PackageNotFoundError, distribution
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parents[1]
HEADER = """\
# The exact versions the Docker image installs (pip install -c constraints.txt): aitl's runtime
# dependencies and the postgres extra, with everything they pull in, as tested. Regenerate with
# scripts/pin_constraints.py after changing pyproject.toml; tests/test_deploy.py checks they match.
"""


def pins() -> dict[str, str]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    todo = [
        (Requirement(r), {""}) for r in project["dependencies"] + project["optional-dependencies"]["postgres"]
    ]
    env = default_environment()
    found: dict[str, str] = {}
    while todo:
        requirement, extras_of_parent = todo.pop()
        if requirement.marker and not any(
            requirement.marker.evaluate({**env, "extra": extra}) for extra in extras_of_parent
        ):
            continue
        name = requirement.name.lower().replace("_", "-")
        try:
            dist = distribution(requirement.name)
        except PackageNotFoundError as error:
            raise SystemExit(f"{requirement.name} is not installed here") from error
        if name in found:
            continue
        found[name] = dist.version
        todo += [(Requirement(r), set(requirement.extras) | {""}) for r in dist.requires or []]
    return found


def main() -> None:
    lines = [f"{name}=={version}" for name, version in sorted(pins().items())]
    (ROOT / "constraints.txt").write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"constraints.txt: {len(lines)} pins")


if __name__ == "__main__":
    main()
