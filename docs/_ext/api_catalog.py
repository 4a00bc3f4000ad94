"""The public API as the code declares it, for the reference and the stability pages.

- ``{reexports} MODULE`` lists the names of ``MODULE.__all__`` with a link to where
  each is documented, so a name added to the package shows up (and must be documented:
  an unresolved link fails the nitpicky build).
- ``{public-api}`` lists every public module with its ``__all__``.
- Model fields get their official label, kind and unit appended to their autodoc entry,
  read from the field declarations.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from types import ModuleType
from typing import Any

import attrs
from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.pycode import ModuleAnalyzer
from sphinx.util.docutils import SphinxDirective

import govinfo_report
from govinfo_report.model._fields import SPEC_KEY, FieldSpec, Kind

_KIND_TEXT = {
    Kind.COUNT: "非负整数计数，``None`` 表示原文留空",
    Kind.SIGNED: "整数（减少为负数），``None`` 表示原文留空",
    Kind.MONEY: "精确十进制金额，``None`` 表示原文留空",
    Kind.TEXT: "文本",
    Kind.PART: "部分、表格或行",
    Kind.OTHER: "其他值",
}


def public_modules() -> list[ModuleType]:
    """The package and every module of it whose dotted name has no ``_``-prefixed part."""
    names = [govinfo_report.__name__]
    for info in pkgutil.walk_packages(govinfo_report.__path__, govinfo_report.__name__ + "."):
        if not _is_private(info.name):
            names.append(info.name)
    return [importlib.import_module(name) for name in sorted(names)]


def _is_private(dotted_name: str) -> bool:
    return any(part.startswith("_") for part in dotted_name.split("."))


def _canonical(module: ModuleType, name: str) -> str | None:
    """Where ``module.name`` is documented.

    A class or function defined in a public module is documented there. Anything
    else (aliases such as ``Report``, names defined in ``_`` modules) is documented
    in the most specific public module that exports it. ``None`` for a plain constant
    that only ``module`` has (``__version__``): it is shown with its value.
    """
    obj = getattr(module, name)
    is_definition = inspect.isclass(obj) or inspect.isfunction(obj)
    if is_definition and not _is_private(obj.__module__):
        return f"{obj.__module__}.{obj.__qualname__}"
    candidates = [other.__name__ for other in public_modules()
                  if name in getattr(other, "__all__", ()) and getattr(other, name) is obj]
    deepest = max(candidates, key=lambda found: found.count("."))
    if deepest == module.__name__ and isinstance(obj, (str, int)):
        return None
    return f"{deepest}.{name}"


def _summary(obj: Any, target: str | None) -> str:
    """The first paragraph of the docstring, or of the ``#:`` comment of a constant."""
    if inspect.isclass(obj) or inspect.isfunction(obj):
        doc = inspect.getdoc(obj) or ""
    elif target is not None:
        module_name, _, name = target.rpartition(".")
        comments = ModuleAnalyzer.for_module(module_name).find_attr_docs()
        doc = "\n".join(comments.get(("", name), []))
    else:
        doc = ""
    return doc.strip().split("\n\n")[0].replace("\n", " ")


_INLINE = re.compile(r":(?:[a-z]+:)?[a-z]+:`(?P<role>[^`]+)`|``(?P<literal>[^`]+)``")


def inline_markup(text: str) -> nodes.paragraph:
    """A paragraph of a docstring summary: roles and ``literals`` become literals.

    The summary is shown out of the context of its object, where a role's target
    may not resolve, so roles are shown as code without a link.
    """
    paragraph = nodes.paragraph()
    position = 0
    for match in _INLINE.finditer(text):
        paragraph += nodes.Text(text[position:match.start()])
        if match.group("literal") is not None:
            shown = match.group("literal")
        else:
            role = match.group("role")
            title, _, target = role.partition(" <")
            if target:
                shown = title
            elif role.startswith("~"):
                shown = role.rsplit(".", 1)[-1]
            else:
                shown = role.lstrip(".")
        paragraph += nodes.literal(text=shown)
        position = match.end()
    paragraph += nodes.Text(text[position:])
    return paragraph


def _literal_paragraph(text: str) -> nodes.paragraph:
    paragraph = nodes.paragraph()
    paragraph += nodes.literal(text=text)
    return paragraph


def node_table(headers: list[str], rows: list[list[nodes.Element]],
               widths: list[int]) -> nodes.table:
    """A docutils table whose cells are given as nodes (one body element per cell)."""
    group = nodes.tgroup(cols=len(headers))
    for width in widths:
        group += nodes.colspec(colwidth=width)
    head = nodes.thead()
    head += _row([nodes.paragraph(text=header) for header in headers])
    group += head
    body = nodes.tbody()
    for cells in rows:
        body += _row(cells)
    group += body
    result = nodes.table()
    result += group
    return result


def _row(cells: list[nodes.Element]) -> nodes.row:
    row = nodes.row()
    for cell in cells:
        entry = nodes.entry()
        entry += cell
        row += entry
    return row


class ReExports(SphinxDirective):
    """The names of a module's ``__all__``, each linked to its documentation."""

    required_arguments = 1

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()  # generated from the code, which Sphinx does not watch
        module = importlib.import_module(self.arguments[0])
        rows: list[list[nodes.Element]] = []
        for name in module.__all__:
            target = _canonical(module, name)
            if target is None:
                first = _literal_paragraph(f"{name} = {getattr(module, name)!r}")
            else:
                reference = addnodes.pending_xref(
                    "", refdomain="py", reftype="obj", reftarget=target, refexplicit=True,
                    refwarn=True, refdoc=self.env.docname)
                reference += nodes.literal(text=name)
                first = nodes.paragraph()
                first += reference
            summary = _summary(getattr(module, name), target)
            rows.append([first, inline_markup(summary)])
        return [node_table(["名称", "说明"], rows, [25, 75])]


class PublicApi(SphinxDirective):
    """Every public module with the names it exports."""

    def run(self) -> list[nodes.Node]:
        self.env.note_reread()
        bullets = nodes.bullet_list()
        for module in public_modules():
            item = nodes.list_item()
            paragraph = nodes.paragraph()
            paragraph += nodes.literal(text=module.__name__)
            names = getattr(module, "__all__", ())
            paragraph += nodes.Text("：" if names else "（无 __all__）")
            for index, name in enumerate(names):
                if index:
                    paragraph += nodes.Text("、")
                paragraph += nodes.literal(text=name)
            item += paragraph
            bullets += item
        return [bullets]


def _field_spec(qualified_name: str) -> FieldSpec | None:
    owner_path, _, field_name = qualified_name.rpartition(".")
    module_name, _, class_name = owner_path.rpartition(".")
    try:
        owner = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError):
        return None
    if not (inspect.isclass(owner) and attrs.has(owner)):
        return None
    field = attrs.fields_dict(owner).get(field_name)
    if field is None or SPEC_KEY not in field.metadata:
        return None
    spec: FieldSpec = field.metadata[SPEC_KEY]
    return spec


def describe_field(app: Sphinx, what: str, name: str, obj: Any, options: Any,
                   lines: list[str]) -> None:
    """Append the official label, kind and unit of a model field to its entry."""
    if what != "attribute":
        return
    spec = _field_spec(name)
    if spec is None:
        return
    label = " › ".join((*spec.groups, spec.label))
    facts = [f"官方标签：{label}", _KIND_TEXT[spec.kind]]
    if spec.unit:
        facts.append(f"单位：{spec.unit}")
    if spec.derived:
        facts.append("合计，由 :func:`~govinfo_report.builder.build` 计算")
    text = "；".join(facts) + "。"
    lines[:0] = [text, ""] if lines else [text]


def _is_model_class(obj: Any) -> bool:
    return inspect.isclass(obj) and attrs.has(obj) and all(
        SPEC_KEY in field.metadata for field in attrs.fields(obj))


def shorten_model_signature(app: Sphinx, what: str, name: str, obj: Any, options: Any,
                            signature: str | None, return_annotation: str | None
                            ) -> tuple[str, str | None] | None:
    """Show a model class as ``Report2021(*, metadata, preamble, ...)``: its fields,
    listed below with their types and labels, would make the typed signature unreadable."""
    if what != "class" or not _is_model_class(obj):
        return None
    return "(*, " + ", ".join(field.name for field in attrs.fields(obj)) + ")", None


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("reexports", ReExports)
    app.add_directive("public-api", PublicApi)
    app.connect("autodoc-process-docstring", describe_field)
    app.connect("autodoc-process-signature", shorten_model_signature)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
