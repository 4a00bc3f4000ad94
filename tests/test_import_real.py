"""The real published excerpts of ``data/real`` import as their hand-made truth."""

from __future__ import annotations

import pytest
from benchmarks.bench_import_real import (
    DEV,
    TARGET,
    FileScore,
    excerpt_of,
    score_directory,
    score_file,
    truth_key_index,
    value_at,
)

from govinfo_report.importers import text
from govinfo_report.labels import iter_fields
from govinfo_report.model import FormatVersion


@pytest.fixture(scope="module")
def scores() -> list[FileScore]:
    """Every excerpt imported and scored once."""
    return score_directory()


def test_the_dev_set_is_complete(scores: list[FileScore]) -> None:
    """34 excerpts, 29 with truth, 378 truth cells, each keyed by official labels."""
    assert len(scores) == 34
    assert sum(1 for s in scores if s.truth_cells) == 29
    assert sum(s.truth_cells for s in scores) == 378
    assert (DEV / "README.md").exists()


def test_no_cell_is_wrong_or_invented(scores: list[FileScore]) -> None:
    """A value is never put in another cell, nor read where the excerpt shows none."""
    assert [(s.name, s.wrong) for s in scores if s.wrong] == []
    assert [(s.name, s.invented) for s in scores if s.invented] == []


def test_accuracy_reaches_the_target(scores: list[FileScore]) -> None:
    """At least 99 % of the truth cells are read right."""
    total = sum(s.truth_cells for s in scores)
    right = sum(s.right for s in scores)
    missed = [(s.name, s.blank) for s in scores if s.blank]
    assert right >= TARGET * total, missed


@pytest.mark.parametrize("format", list(FormatVersion))
def test_truth_keys_name_cells_through_the_registry(format: FormatVersion) -> None:
    """Keys are built from the registry's labels, one field per key."""
    index = truth_key_index(format)
    key = ("二 / 第二十条第（一）项 / 规章 / 本年新制作数量" if format is FormatVersion.V2019
           else "二 / 第二十条第（一）项 / 规章 / 本年制发件数")
    assert index[key].path[-1] == ("new_made" if format is FormatVersion.V2019 else "issued")
    person = index["三 / 一、本年新收政府信息公开申请数量 / 商业企业"]
    assert person.json_path == "$.applications.new_received.commercial_enterprise"


FULL_WIDTH = str.maketrans({"(": "（", ")": "）", ":": "：", ",": "，"})


@pytest.mark.parametrize("variant", ["full-width punctuation", "CRLF line ends"])
def test_the_usual_forms_of_published_text_score_the_same(scores: list[FileScore],
                                                          variant: str) -> None:
    """Real pages carry full-width punctuation (the excerpts were normalised to ASCII) and
    may end lines with CRLF: every cell scores as in the excerpt."""
    for score in scores:
        source = DEV / score.name
        excerpt = excerpt_of(source)
        changed = (excerpt.translate(FULL_WIDTH) if variant.startswith("full")
                   else excerpt.replace("\n", "\r\n"))
        again, _ = score_file(source, excerpt=changed)
        assert (again.right, again.blank, again.wrong, again.invented) == (
            score.right, score.blank, score.wrong, score.invented), score.name


def test_an_excerpt_cut_anywhere_invents_nothing(scores: list[FileScore]) -> None:
    """Cut at any of a dozen places in its tables, an excerpt gives no value the full
    excerpt's truth does not have (the cut-off row keeps only what is certain)."""
    bad = []
    for score in scores:
        if not score.truth_cells:
            continue
        source = DEV / score.name
        excerpt = excerpt_of(source)
        start = max(excerpt.find("二、"), 0)
        for place in range(start, len(excerpt), max((len(excerpt) - start) // 12, 1)):
            try:
                cut, _ = score_file(source, excerpt=excerpt[:place])
            except KeyError:
                # Cut before the columns that tell the version: no cell may be read.
                result = text.parse(excerpt[:place])
                bad.extend((score.name, place, info.json_path)
                           for info in iter_fields(result.format, cells_only=True)
                           if value_at(result.report, info.path) is not None)
                continue
            bad.extend((score.name, place, *entry) for entry in cut.wrong)
            bad.extend((score.name, place, *entry) for entry in cut.invented)
    assert bad == []
