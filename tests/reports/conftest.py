"""Helpers for reading back the PDFs the reports layer writes."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pypdf
import pytest


def _page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in pypdf.PdfReader(str(path)).pages]


def _flat(text: str) -> str:
    """Text without any whitespace: pypdf breaks wrapped lines and table cells arbitrarily."""
    return re.sub(r"\s+", "", text)


def _fonts(path: Path) -> list[dict]:
    """Every font any page uses, resolved, with its descriptor (descendant font for Type0)."""
    found: dict[int, dict] = {}
    for page in pypdf.PdfReader(str(path)).pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources else None
        if not fonts:
            continue
        for ref in fonts.get_object().values():
            font = ref.get_object()
            found[id(font)] = font
    result = []
    for font in found.values():
        target = font
        if font.get("/Subtype") == "/Type0":
            target = font["/DescendantFonts"][0].get_object()
        descriptor = target.get("/FontDescriptor")
        result.append(
            {
                "name": str(font.get("/BaseFont")),
                "subtype": str(font.get("/Subtype")),
                "descriptor": descriptor.get_object() if descriptor else None,
            }
        )
    return result


def _pdffonts(path: Path) -> list[list[str]] | None:
    """Rows of ``pdffonts`` (poppler-utils) split into columns, or None when it is not installed."""
    exe = shutil.which("pdffonts")
    if exe is None:
        return None
    out = subprocess.run([exe, str(path)], check=True, capture_output=True, text=True).stdout
    return [line.split() for line in out.splitlines()[2:] if line.strip()]


@pytest.fixture
def page_texts():
    return _page_texts


@pytest.fixture
def flat():
    return _flat


@pytest.fixture
def assert_fonts_embedded():
    def check(path: Path) -> None:
        fonts = _fonts(path)
        assert fonts, "no fonts found"
        for font in fonts:
            descriptor = font["descriptor"]
            assert descriptor is not None, f"{font['name']} has no descriptor (not embedded)"
            assert any(k in descriptor for k in ("/FontFile2", "/FontFile3", "/FontFile")), font["name"]
            assert re.match(r"/[A-Z]{6}\+", font["name"]), f"{font['name']} is not a subset"
        rows = _pdffonts(path)
        if rows is not None:
            assert rows, "pdffonts listed no fonts"
            for cols in rows:
                # columns from the right: object ID (2), uni, sub, emb
                assert cols[-5] == "yes", f"pdffonts says not embedded: {' '.join(cols)}"

    return check


@pytest.fixture
def text_sizes():
    """Map of text run -> effective font size in points, for the given page."""

    def sizes(path: Path, page_index: int = 0) -> list[tuple[str, float]]:
        runs: list[tuple[str, float]] = []

        def visit(text, cm, tm, font_dict, font_size):
            if text.strip():
                runs.append((text.strip(), abs(font_size * tm[3] * cm[3])))

        pypdf.PdfReader(str(path)).pages[page_index].extract_text(visitor_text=visit)
        return runs

    return sizes
