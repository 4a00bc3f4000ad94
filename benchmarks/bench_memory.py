"""How much memory does an importer take on a hostile input? Peak RSS of one child process each.

Each input is imported in a fresh child process (``--child``), so its peak
resident set (``ru_maxrss`` from ``os.wait4``) is that input's alone. The
peer, measured in the same run, is a child that imports the same importer
and its packages and reads nothing: the part of the peak that is the
interpreter and the libraries.

Inputs: the seed of each kind, zip bombs in Word and Excel files (a part
inflating to 1 GiB, 1 GiB of media linked from the document, 100 000
entries), PDF with a content stream inflating to 1 GiB and with 5 000 pages,
a 1 MB web page (a large table; paragraphs; 40 000 unclosed ``<div>``), a
1 MB text.

Usage::

    PYTHONPATH=src python benchmarks/bench_memory.py [--only docx]

Goal (absolute, per input): peak memory ≤ 10 × input size + 100 MB.
"""

from __future__ import annotations

import argparse
import importlib
import io
import os
import resource
import subprocess
import sys
import tempfile
import time
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # run as a script or as python -m benchmarks.bench_memory

from benchmarks._goals import Goals  # noqa: E402

MEBIBYTE = 1024 * 1024
GIBIBYTE = 1024 * MEBIBYTE
SEEDS = ROOT / "tests" / "fuzz" / "corpus"
#: What each importer reads with, loaded by the peer child.
PACKAGES = {"text": ["govinfo_report.importers.text"],
            "html": ["govinfo_report.importers.html", "lxml.html"],
            "docx": ["govinfo_report.importers.docx", "lxml.etree"],
            "xlsx": ["govinfo_report.importers.xlsx", "lxml.etree"],
            "pdf": ["govinfo_report.importers.pdf", "pypdf"]}
#: A child may not take more than this, so a failure does not take the machine with it.
CHILD_ADDRESS_SPACE = 8 * GIBIBYTE


def _bomb_member(archive: zipfile.ZipFile, name: str, size: int, piece: bytes = b" ") -> None:
    """A member of ``size`` bytes of ``piece`` repeated, compressed in pieces (little memory)."""
    block = piece * (MEBIBYTE // len(piece))
    info = zipfile.ZipInfo(name)
    info.compress_type = zipfile.ZIP_DEFLATED
    with archive.open(info, "w", force_zip64=True) as member:
        for _ in range(size // len(block)):
            member.write(block)


def _swap_member(seed: bytes, name: str, write: Callable[[zipfile.ZipFile], None]) -> bytes:
    """``seed`` (a zip) with member ``name`` replaced by what ``write`` adds."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(seed)) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as target:
        for info in source.infolist():
            if info.filename != name:
                target.writestr(info, source.read(info))
        write(target)
    return out.getvalue()


def _many_entries(seed: bytes, count: int) -> bytes:
    out = io.BytesIO(seed)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        for index in range(count):
            archive.writestr(f"customXml/many{index}.xml", b"")
    return out.getvalue()


def _pdf(objects: list[bytes]) -> bytes:
    """A PDF from its numbered objects (1 is the catalog), with a correct xref table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, start)
    return bytes(out)


def _pdf_stream_bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9)
    block = b"0 0 m\n" * (MEBIBYTE // 6)
    stream = b"".join(compressor.compress(block) for _ in range(size // len(block)))
    stream += compressor.flush()
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
                 + b"\nendstream"])


def _pdf_pages(count: int) -> bytes:
    kids = b" ".join(b"%d 0 R" % (4 + index) for index in range(count))
    pages = [b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 3 0 R >>"] * count
    content = b"BT /F1 12 Tf 72 720 Td (x) Tj ET"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [%s] /Count %d >>" % (kids, count),
                 b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content), *pages])


def _html_table(size: int) -> bytes:
    seed = (SEEDS / "html" / "2021.html").read_bytes()
    row = b"<tr><td>\xe8\xa1\x8c</td><td>1</td><td>2</td><td>3</td></tr>"
    rows = row * ((size - len(seed)) // len(row))
    return seed.replace(b"</table>", rows + b"</table>", 1)


def _html_paragraphs(size: int) -> bytes:
    seed = (SEEDS / "html" / "2021.html").read_bytes()
    paragraph = "<p>本年度政府信息公开工作稳步推进，主动公开各类信息。</p>\n".encode()
    return seed.replace(b"</body>", paragraph * ((size - len(seed)) // len(paragraph))
                        + b"</body>", 1)


def _text(size: int) -> bytes:
    seed = (SEEDS / "text" / "2021-tabbed.txt").read_bytes()
    line = "本年度政府信息公开工作稳步推进，主动公开各类信息。\n".encode()
    return seed + line * ((size - len(seed)) // len(line))


def inputs(folder: Path) -> dict[str, tuple[str, Path]]:
    """The inputs by name: (importer kind, file); built once into ``folder``."""
    docx = (SEEDS / "docx" / "2021.docx").read_bytes()
    xlsx = (SEEDS / "xlsx" / "2021.xlsx").read_bytes()
    builders: dict[str, tuple[str, Callable[[], bytes]]] = {
        "text: seed": ("text", lambda: (SEEDS / "text" / "2021-tabbed.txt").read_bytes()),
        "text: 1 MB": ("text", lambda: _text(MEBIBYTE)),
        "html: seed": ("html", lambda: (SEEDS / "html" / "2021.html").read_bytes()),
        "html: 1 MB table": ("html", lambda: _html_table(MEBIBYTE)),
        "html: 1 MB of paragraphs": ("html", lambda: _html_paragraphs(MEBIBYTE)),
        "html: 40 000 unclosed <div>": ("html", lambda: b"<div>" * 40_000 + b"1"),
        "docx: seed": ("docx", lambda: docx),
        "docx: document.xml inflating to 1 GiB": ("docx", lambda: _swap_member(
            docx, "word/document.xml",
            lambda archive: _bomb_member(archive, "word/document.xml", GIBIBYTE))),
        "docx: 1 GiB media part": ("docx", lambda: _swap_member(
            docx, "word/media/image1.png",
            lambda archive: _bomb_member(archive, "word/media/image1.png", GIBIBYTE))),
        "docx: 100 000 entries": ("docx", lambda: _many_entries(docx, 100_000)),
        "xlsx: seed": ("xlsx", lambda: xlsx),
        "xlsx: sheet inflating to 1 GiB": ("xlsx", lambda: _swap_member(
            xlsx, "xl/worksheets/sheet1.xml",
            lambda archive: _bomb_member(archive, "xl/worksheets/sheet1.xml", GIBIBYTE))),
        "xlsx: 100 000 entries": ("xlsx", lambda: _many_entries(xlsx, 100_000)),
        "pdf: seed": ("pdf", lambda: (SEEDS / "pdf" / "2021.pdf").read_bytes()),
        "pdf: content stream inflating to 1 GiB": ("pdf", lambda: _pdf_stream_bomb(GIBIBYTE)),
        "pdf: 5 000 pages": ("pdf", lambda: _pdf_pages(5000)),
    }
    built = {}
    for index, (name, (kind, build)) in enumerate(builders.items()):
        path = folder / f"{index:02d}.{kind}"
        if not path.exists():
            path.write_bytes(build())
        built[name] = (kind, path)
    return built


def child(kind: str, path: str) -> None:
    """Import one file (or, with no file, only load the importer); print the outcome."""
    from govinfo_report import importers
    from govinfo_report.exceptions import GovInfoReportError

    started = time.perf_counter()
    if not path:
        for package in PACKAGES[kind]:
            importlib.import_module(package)
        print("loaded")
        return
    try:
        results = importers.read_all(path, kind=kind)
        outcome = f"accepted ({len(results)} report(s))"
    except GovInfoReportError as error:
        outcome = f"refused: {type(error).__name__}"
    except MemoryError:
        outcome = "MemoryError"
    print(f"{outcome}, {time.perf_counter() - started:.2f} s")


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (CHILD_ADDRESS_SPACE, CHILD_ADDRESS_SPACE))


def peak_of(kind: str, path: Path | None) -> tuple[float, str]:
    """Peak RSS (MB) of a child importing ``path`` (or only loading the importer)."""
    process = subprocess.Popen(
        [sys.executable, __file__, "--child", kind, str(path or "")], stdout=subprocess.PIPE,
        stderr=subprocess.PIPE, text=True, preexec_fn=_limit_memory)
    assert process.stdout is not None
    assert process.stderr is not None
    output = process.stdout.read()
    error = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    outcome = output.strip() or f"exit {process.returncode}: {error.strip()[-200:]}"
    return usage.ru_maxrss / 1024, outcome


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--child", nargs=2, metavar=("KIND", "PATH"), help=argparse.SUPPRESS)
    parser.add_argument("--only", help="only the inputs of this kind")
    parser.add_argument("--folder", type=Path, help="keep the built inputs here")
    arguments = parser.parse_args()
    if arguments.child:
        child(*arguments.child)
        return
    folder = arguments.folder or Path(tempfile.mkdtemp(prefix="govinfo-bench-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    goals = Goals("peak memory per importer input (≤ 10 × size + 100 MB)")
    baselines: dict[str, float] = {}
    print(f"{'input':<42} {'size':>9} {'peak':>9} {'importer alone':>15}  outcome")
    for name, (kind, path) in inputs(folder).items():
        if arguments.only and kind != arguments.only:
            continue
        if kind not in baselines:
            baselines[kind] = peak_of(kind, None)[0]
        size = path.stat().st_size / MEBIBYTE
        peak, outcome = peak_of(kind, path)
        print(f"{name:<42} {size:>7.2f} MB {peak:>6.0f} MB {baselines[kind]:>12.0f} MB  {outcome}")
        goals.absolute(f"{name} ({size:.2f} MB)", peak, at_most=10 * size + 100, unit="MB")
    goals.print()


if __name__ == "__main__":
    main()
