"""The committed JSON Schemas: generated, current, valid, and in agreement with loads."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govinfo_report import LoadError
from govinfo_report.cli import main
from govinfo_report.convert import from_dict, to_dict
from govinfo_report.examples import EXAMPLE_FILES, example_text, load_example
from govinfo_report.schema import SCHEMA_FILES, generate, generate_dispatch, schema_text

from .node import JS_DIR, node_modules
from .strategies import reports

ROOT = Path(__file__).parent.parent
SCHEMA_DIR = ROOT / "schema"


@cache
def committed(name: str) -> dict[str, Any]:
    """A committed schema file, parsed."""
    schema: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return schema


@cache
def dispatch_validator() -> jsonschema.Draft202012Validator:
    """A validator for the committed dispatch schema."""
    return jsonschema.Draft202012Validator(committed("report.schema.json"))


@pytest.mark.parametrize(("name", "version"), SCHEMA_FILES.items())
def test_committed_schema_matches_the_classes(name: str, version: str | None) -> None:
    """schema/ holds exactly what the classes generate (regenerate with `govinfo-report schema`)."""
    schema = generate_dispatch() if version is None else generate(version)
    assert (SCHEMA_DIR / name).read_text(encoding="utf-8") == schema_text(schema)


@pytest.mark.parametrize("version", EXAMPLE_FILES)
def test_committed_examples_match_the_package(version: str) -> None:
    """schema/examples/ holds the packaged examples unchanged."""
    path = SCHEMA_DIR / "examples" / EXAMPLE_FILES[version]
    assert path.read_text(encoding="utf-8") == example_text(version)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_committed_schemas_are_valid_draft_2020_12(name: str) -> None:
    """Every committed schema passes the Draft 2020-12 metaschema."""
    schema = committed(name)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_schema_ids_are_stable(name: str) -> None:
    """$id is the stable URL ending in the file name."""
    assert committed(name)["$id"] == "https://govinfo-report.org/schema/1/" + name


def test_examples_in_the_schema_are_valid() -> None:
    """The examples embedded in each schema validate against it."""
    for name in SCHEMA_FILES:
        validator = jsonschema.Draft202012Validator(committed(name))
        for example in committed(name)["examples"]:
            assert list(validator.iter_errors(example)) == []


def test_each_version_schema_refuses_the_other_version() -> None:
    """A 2019 document is not a valid 2021 document and vice versa."""
    v2021 = jsonschema.Draft202012Validator(committed("report-2021.schema.json"))
    assert not v2021.is_valid(json.loads(example_text("2019")))
    assert v2021.is_valid(json.loads(example_text("2021")))


# Mutations of one location: wrong type, extra key, missing key, negative count.
WRONG_VALUES: list[Any] = [True, 1.5, "x", [], {}, None, -1, 7]


def locations(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value in a JSON document."""
    found: list[tuple[Any, ...]] = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found.extend(locations(value, (*path, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found.extend(locations(value, (*path, index)))
    return found


def mutate(document: dict[str, Any], path: tuple[Any, ...], kind: str, value: Any) -> Any:
    """A copy of document with one mutation at path."""
    result = copy.deepcopy(document)
    if not path:
        return value if kind == "replace" else result
    parent = result
    for segment in path[:-1]:
        parent = parent[segment]
    last = path[-1]
    if kind == "replace":
        parent[last] = value
    elif kind == "delete":
        del parent[last]
    elif kind == "extra" and isinstance(parent[last], dict):
        parent[last]["unexpected_key"] = 0
    return result


def loads_accepts(document: Any) -> bool:
    """The verdict of the library's loader."""
    try:
        from_dict(document)
    except LoadError:
        return False
    return True


@pytest.mark.parametrize(("value", "valid"), [(None, True), ("local.json", True), (5, False),
                                               ([], False)])
def test_schema_and_loader_agree_on_the_schema_key(value: Any, valid: bool) -> None:
    """``$schema`` null reads as absent (the format's schema) in both; not a string, in neither."""
    document = to_dict(load_example("2021"))
    document["$schema"] = value
    assert dispatch_validator().is_valid(document) is valid
    assert loads_accepts(document) is valid


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(reports(), st.data())
def test_schema_and_loader_agree_on_mutations(report: Any, data: st.DataObject) -> None:
    """On valid documents and single mutations of them, the schema's verdict equals loads'."""
    document = to_dict(report)
    assert dispatch_validator().is_valid(document)
    path = data.draw(st.sampled_from(locations(document)), label="path")
    kind = data.draw(st.sampled_from(["replace", "delete", "extra"]), label="kind")
    value = data.draw(st.sampled_from(WRONG_VALUES), label="value")
    mutated = mutate(document, path, kind, value)
    assert dispatch_validator().is_valid(mutated) == loads_accepts(mutated)


def test_cli_prints_the_schemas() -> None:
    """`govinfo-report schema [--format]` prints the committed files."""
    import io

    for name, version in SCHEMA_FILES.items():
        out = io.StringIO()
        argv = ["schema"] if version is None else ["schema", "--format", version.value]
        assert main(argv, stdout=out) == 0
        assert out.getvalue() == (SCHEMA_DIR / name).read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def ajv() -> Path:
    """The ajv checker script, with its packages installed if needed."""
    node_modules()
    return JS_DIR / "validate.mjs"


@pytest.mark.parametrize("name", SCHEMA_FILES)
def test_ajv_strict_compiles_the_schema_and_agrees(ajv: Path, name: str) -> None:
    """ajv (strict mode, Draft 2020-12) compiles each schema and gives our verdicts."""
    examples = [SCHEMA_DIR / "examples" / file for file in EXAMPLE_FILES.values()]
    result = subprocess.run(["node", str(ajv), str(SCHEMA_DIR / name), *map(str, examples)],
                            check=True, capture_output=True, text=True, timeout=120)
    verdicts = json.loads(result.stdout)
    assert verdicts["compiled"] is True
    expected_valid = {
        "report.schema.json": {"township-2021.json", "naleisi-town-2020.json"},
        "report-2021.schema.json": {"township-2021.json"},
        "report-2019.schema.json": {"naleisi-town-2020.json"},
    }[name]
    valid = {Path(path).name for path, ok in verdicts["results"].items() if ok is True}
    assert valid == expected_valid


def test_check_jsonschema_accepts_the_examples() -> None:
    """The check-jsonschema CLI validates the examples against the dispatch schema unchanged."""
    command = [sys.executable, "-m", "check_jsonschema", "--schemafile",
               str(SCHEMA_DIR / "report.schema.json"),
               *(str(SCHEMA_DIR / "examples" / file) for file in EXAMPLE_FILES.values())]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
