"""The form's HTML: the report in the official layout with an input in every cell.

The grid is the renderers' (:func:`govinfo_report.render._layout.tables_of`),
so the form and the published page share one layout; labels come from the
model. Every input carries its ``$`` path in ``data-path`` (the script binds
by it) and is labelled by its row and column header cells through
``aria-labelledby``. The fragment is one ``<govinfo-report-form>`` element
holding the markup and, as ``<script type="application/json">`` data blocks
(never executed, so a strict Content-Security-Policy allows them), the form
model of :mod:`._model`, the interface texts and the rule set.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
import jinja2

from ..labels import format_path
from ..model import REPORT_CLASSES, SECTION_TITLES, FormatVersion, OrganLevel
from ..model._introspect import ModelField, model_fields
from ..render._layout import Block, Cell, Role, Table, tables_of
from ..render._templates import check_prefix
from ..render._view import TITLE_SUFFIX
from ..render.html import _check_heading_level as check_heading_level
from ._messages import messages_with
from ._model import form_model, input_kind, totals_of

__all__ = ["Field", "TableForm", "element_id", "render_fragment", "render_template", "script_json"]

_INPUT_MODES = {"count": "numeric", "money": "decimal", "year": "numeric"}


@attrs.frozen(kw_only=True)
class Field:
    """An input outside the tables: metadata, a narrative text, a unit."""

    json_path: str
    id: str
    label: str
    kind: str
    required: bool
    #: ``(value, text)`` of each choice, for ``choice`` inputs.
    choices: tuple[tuple[str, str], ...] = ()
    #: Texts of several paragraphs get a text area; names and codes one line.
    multiline: bool = False


@attrs.frozen(kw_only=True)
class TableForm:
    """One official table and, per cell, the attributes of its HTML."""

    table: Table
    #: id of each label cell, by ``(row, column)``.
    ids: dict[tuple[int, int], str]
    #: Per value-cell index: ``(input id, aria-labelledby, input kind, derived)``.
    inputs: tuple[tuple[str, str, str, bool], ...]


def element_id(id_prefix: str, json_path: str) -> str:
    """The id of the input bound to ``json_path``."""
    return id_prefix + re.sub(r"[^A-Za-z0-9_]+", "-", json_path.removeprefix("$"))


def _covers(cell: Cell, other: Cell) -> bool:
    return other.column < cell.column + cell.colspan and cell.column < other.column + other.colspan


def _headers(block: Block, cell: Cell, ids: dict[tuple[int, int], str]) -> Iterator[str]:
    if block.caption is not None:
        yield ids[block.caption.row, block.caption.column]
    for row in block.body:
        for label in row.labels:
            if label.row <= cell.row < label.row + label.rowspan:
                yield ids[label.row, label.column]
    for row in block.head:
        for label in row.labels:
            if label.role is Role.COLUMN and _covers(cell, label):
                yield ids[label.row, label.column]


def _table_form(table: Table, id_prefix: str, kinds: Mapping[str, str],
                derived: frozenset[str]) -> TableForm:
    ids = {(cell.row, cell.column): f"{id_prefix}-{table.key}-h{cell.row}-{cell.column}"
           for block in table.blocks for row in block.rows for cell in row.labels}
    inputs: list[tuple[str, str, str, bool]] = []
    for block in table.blocks:
        for row in block.body:
            for cell in row.values:
                inputs.append((element_id(id_prefix, cell.json_path),
                               " ".join(_headers(block, cell, ids)),
                               kinds[cell.json_path], cell.json_path in derived))
    return TableForm(table=table, ids=ids, inputs=tuple(inputs))


def _choices(field: ModelField) -> tuple[tuple[str, str], ...]:
    if field.type is OrganLevel:
        return tuple((level.value, level.label) for level in OrganLevel)
    return tuple((member.value, member.value) for member in field.type)


def _field(field: ModelField, path: tuple[str, ...], id_prefix: str) -> Field:
    json_path = format_path((*path, field.name))
    kind = input_kind(field)
    return Field(json_path=json_path, id=element_id(id_prefix, json_path),
                 label=field.spec.label, kind=kind, required=field.required,
                 choices=_choices(field) if kind == "choice" else (),
                 multiline=kind == "text" and path[:1] != ("metadata",))


def _loose_fields(cls: type, path: tuple[str, ...], id_prefix: str) -> Iterator[Field]:
    """Inputs of a part that are not table cells, depth first."""
    for field in model_fields(cls):
        if field.repeated or field.name == "extensions" or field.spec.is_cell:
            continue
        if field.child is not None:
            yield from _loose_fields(field.child, (*path, field.name), id_prefix)
        else:
            yield _field(field, path, id_prefix)


_UNWRITABLE = re.compile("[\x7f-\x9f\ud800-\udfff]")


def script_json(data: Any) -> str:
    """JSON for a ``<script type="application/json">`` block (``<`` escaped)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    # A report built in code may hold lone surrogates (not UTF-8) or C1 controls (refused
    # by HTML); inside JSON strings their escapes are the same data.
    return _UNWRITABLE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


@functools.cache
def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("govinfo_report.form", "templates"),
        autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
        lstrip_blocks=True, keep_trailing_newline=True, auto_reload=False)


def render_template(name: str, **context: Any) -> str:
    """Render one of the form's templates."""
    return _environment().get_template(name).render(**context)


def render_fragment(format: FormatVersion, *, prefix: str, id_prefix: str,
                    messages: Mapping[str, str] | None, rule_set: Mapping[str, Any] | None,
                    report_json: str | None = None, previous_json: str | None = None,
                    heading_level: int = 1) -> str:
    """The form fragment of ``format`` (see :func:`govinfo_report.form.fragment`)."""
    p = check_prefix(prefix)
    idp = check_prefix(id_prefix)
    texts = messages_with(messages)
    model = form_model(format)
    derived = frozenset(total for total, _ in totals_of(format))
    tables = [_table_form(table, idp, model["cells"], derived) for table in tables_of(format)]
    report_class: type = REPORT_CLASSES[format]
    sections = []
    for field in model_fields(report_class):
        if field.spec.label not in SECTION_TITLES:
            continue
        assert field.child is not None
        section_path = format_path((field.name,))
        sections.append({
            "key": field.name, "title": field.spec.label,
            "fields": list(_loose_fields(field.child, (field.name,), idp)),
            "tables": [form for form in tables
                       if form.table.json_path.startswith(section_path + ".")
                       or form.table.json_path == section_path],
        })
    metadata_field = next(f for f in model_fields(report_class) if f.name == "metadata")
    preamble_field = next(f for f in model_fields(report_class) if f.name == "preamble")
    assert metadata_field.child is not None
    return render_template(
        "form.html.j2", p=p, idp=idp, format=format, h=check_heading_level(heading_level),
        m=texts, title_suffix=TITLE_SUFFIX,
        metadata_label=metadata_field.spec.label,
        metadata=list(_loose_fields(metadata_field.child, ("metadata",), idp)),
        preamble=_field(preamble_field, (), idp), sections=sections,
        input_modes=_INPUT_MODES,
        model_json=script_json(model), messages_json=script_json(texts),
        rules_json=None if rule_set is None else script_json(rule_set),
        report_json=report_json, previous_json=previous_json)
