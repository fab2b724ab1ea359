"""Check class/z2jh/values.yaml against the Zero to JupyterHub chart's own values schema.

Helm validates the chart's default values merged with yours against the chart's
``values.schema.json`` before it renders anything; this does the same with the chart's
``values.yaml`` and ``values.schema.yaml`` from a copy of the chart folder (``jupyterhub/`` of
the zero-to-jupyterhub-k8s repository, or ``helm pull jupyterhub/jupyterhub --untar``)::

    .venv/bin/python class/z2jh/check_values.py --chart path/to/jupyterhub

The ``--set-file`` contents named in values.yaml are filled with this repository's files, as
``helm upgrade --set-file`` would. Prints ``OK`` or each schema error; exits 1 on errors.
Needs only pyyaml and jsonschema (both in the kit's environment); nothing is downloaded.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path

import yaml
from jsonschema import Draft7Validator

HERE = Path(__file__).resolve().parent


def merged(base: dict, override: dict) -> dict:
    """Helm's merge of values: mappings merge key by key, anything else is replaced.

    >>> merged({"a": {"b": 1, "c": 2}, "d": [1]}, {"a": {"c": 3}, "d": [2]})
    {'a': {'b': 1, 'c': 3}, 'd': [2]}
    """
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def errors(chart: Path, values_file: Path = HERE / "values.yaml") -> list[str]:
    """Schema errors of the chart's defaults merged with ``values_file`` (empty when valid)."""
    schema = yaml.safe_load((chart / "values.schema.yaml").read_text())
    defaults = yaml.safe_load((chart / "values.yaml").read_text())
    ours = yaml.safe_load(values_file.read_text())
    # what `helm upgrade --set-file hub.extraFiles.NAME.stringData=FILE` adds
    files = ours.get("hub", {}).get("extraFiles", {})
    for name in files:
        files[name].setdefault("stringData", f"(contents set with --set-file for {name})")
    values = merged(defaults, ours)
    validator = Draft7Validator(schema)
    return [
        f"{'.'.join(str(p) for p in error.absolute_path) or '(top)'}: {error.message}"
        for error in sorted(validator.iter_errors(values), key=lambda e: list(e.absolute_path))
    ]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--chart", required=True, help="folder with values.yaml and values.schema.yaml"
    )
    parser.add_argument("--values", default=str(HERE / "values.yaml"))
    args = parser.parse_args()
    chart = Path(args.chart)
    if not (chart / "values.schema.yaml").is_file():
        print(f"--chart={args.chart!r} has no values.schema.yaml; point it at the chart folder")
        return 2
    found = errors(chart, Path(args.values))
    for line in found:
        print(line)
    print("OK" if not found else f"{len(found)} schema error(s)")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
