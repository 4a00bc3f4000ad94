"""Field declarations that carry the official label next to the field.

Every attrs field of the model is declared through one of the helpers below.
They store a :class:`FieldSpec` in the field's ``metadata`` under
:data:`SPEC_KEY`; the label registry (:mod:`govinfo_report.labels`), the
converter, the JSON Schema generator, the builder and the renderers all read
the label, numbering, unit and value kind from there, so each official label
is typed exactly once.
"""

from __future__ import annotations

import enum
from typing import Annotated, Any, TypeAlias

import attrs

from ..limits import MAX_COUNT

try:  # the `fast` extra, whose decoder reads the bounds below from the annotations
    import msgspec as _msgspec
except ImportError:  # pragma: no cover - exercised where msgspec is absent
    _msgspec = None  # type: ignore[assignment]

__all__ = [
    "SPEC_KEY",
    "Count",
    "FieldSpec",
    "Kind",
    "Signed",
    "count",
    "money",
    "other",
    "part",
    "signed",
    "spec_of",
    "text",
]

SPEC_KEY = "govinfo_report"


def _bounds(low: int, high: int) -> Any:
    """The bounds of an integer cell as the fast decoder (msgspec) reads them from the
    annotation, so that it checks them while it builds the class; a note without it."""
    return _msgspec.Meta(ge=low, le=high) if _msgspec is not None else f"{low}..{high}"


#: The annotation of a count cell (:func:`count`): ``0 … MAX_COUNT``, ``None`` for blank.
Count: TypeAlias = Annotated[int, _bounds(0, MAX_COUNT)] | None
#: The annotation of a signed cell (:func:`signed`): ``−MAX_COUNT … MAX_COUNT`` or ``None``.
Signed: TypeAlias = Annotated[int, _bounds(-MAX_COUNT, MAX_COUNT)] | None


class Kind(enum.Enum):
    """What a field holds, which decides its JSON type and its checks."""

    #: A non-negative integer count, or ``None`` for a cell left blank.
    COUNT = "count"
    #: A signed integer (试行格式 ``本年增/减``), or ``None`` for blank.
    SIGNED = "signed"
    #: A non-negative exact decimal, or ``None`` for blank.
    MONEY = "money"
    #: Free text (a narrative paragraph, a name).
    TEXT = "text"
    #: A nested part, table or row of the report.
    PART = "part"
    #: Anything else (enums, dates, codes); typed by the annotation.
    OTHER = "other"


CELL_KINDS = frozenset({Kind.COUNT, Kind.SIGNED, Kind.MONEY})


@attrs.frozen(kw_only=True)
class FieldSpec:
    """The official identity of one field.

    ``number`` + ``text`` is the official label, e.g. ``（一）`` + ``予以公开``.
    ``groups`` are the official header cells above a column that are not
    fields themselves (``法人或其他组织`` above ``商业企业``).
    """

    kind: Kind
    number: str = ""
    text: str = ""
    unit: str = ""
    groups: tuple[str, ...] = ()
    #: True for totals, which the builder computes from their siblings.
    derived: bool = False
    #: Extra English gloss used in developer-facing descriptions.
    gloss: str = ""

    @property
    def label(self) -> str:
        """The official label, character for character."""
        return self.number + self.text

    @property
    def is_cell(self) -> bool:
        """True for fields that are data cells of a table."""
        return self.kind in CELL_KINDS


def _field(spec: FieldSpec, **kwargs: Any) -> Any:
    return attrs.field(metadata={SPEC_KEY: spec}, **kwargs)


def count(text: str, *, number: str = "", unit: str = "件", groups: tuple[str, ...] = (),
          derived: bool = False, gloss: str = "") -> Any:
    """A non-negative integer cell; ``None`` means the source left it blank."""
    return _field(FieldSpec(kind=Kind.COUNT, number=number, text=text, unit=unit,
                            groups=groups, derived=derived, gloss=gloss))


def signed(text: str, *, unit: str = "项", gloss: str = "") -> Any:
    """A signed integer cell (``本年增/减``); ``None`` means blank."""
    return _field(FieldSpec(kind=Kind.SIGNED, text=text, unit=unit, gloss=gloss))


def money(text: str, *, unit: str, gloss: str = "") -> Any:
    """A non-negative :class:`~decimal.Decimal` cell; ``None`` means blank."""
    return _field(FieldSpec(kind=Kind.MONEY, text=text, unit=unit, gloss=gloss))


def text(label: str, *, number: str = "", default: str | None = None, gloss: str = "") -> Any:
    """A text field. With a default, the JSON key may be omitted."""
    spec = FieldSpec(kind=Kind.TEXT, number=number, text=label, gloss=gloss)
    if default is None:
        return _field(spec)
    return _field(spec, default=default)


def part(label: str, *, number: str = "", groups: tuple[str, ...] = (), derived: bool = False,
         gloss: str = "", **kwargs: Any) -> Any:
    """A nested part, table, group or row."""
    return _field(FieldSpec(kind=Kind.PART, number=number, text=label, groups=groups,
                            derived=derived, gloss=gloss), **kwargs)


def other(label: str, *, gloss: str = "", **kwargs: Any) -> Any:
    """A typed scalar that is not a table cell (enum, date, code, year)."""
    return _field(FieldSpec(kind=Kind.OTHER, text=label, gloss=gloss), **kwargs)


def spec_of(field: attrs.Attribute[Any]) -> FieldSpec:
    """Return the :class:`FieldSpec` of a model field."""
    spec: FieldSpec = field.metadata[SPEC_KEY]
    return spec

