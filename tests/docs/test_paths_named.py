"""The documents name real places: every path to the code in README.md and docs/*.md exists, and every link
between them leads to a file. Renames that forget the documents fail here."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
CODE_PATH = re.compile(r"`((?:bot|handlers|storage|tests|bench)/[A-Za-z0-9_/.]*[A-Za-z0-9_])`")
LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)]*)?\)")


def _exists(path: str) -> bool:
    """A file or folder, or `module.name` (bot/nudges.deliver): a module that defines that name."""
    if (ROOT / path).exists():
        return True
    module, _, name = path.rpartition(".")
    source = ROOT / f"{module}.py"
    return (
        bool(name)
        and source.exists()
        and re.search(
            rf"^(?:def|class) {re.escape(name)}\b|^{re.escape(name)}\b.*=", source.read_text(encoding="utf-8"), re.M
        )
        is not None
    )


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_code_paths_in_documents_exist(document: Path) -> None:
    named = set(CODE_PATH.findall(document.read_text(encoding="utf-8")))
    missing = sorted(path for path in named if not _exists(path))
    assert not missing, f"{document.name} names paths that do not exist: {missing}"


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda path: path.name)
def test_links_between_documents_lead_somewhere(document: Path) -> None:
    linked = set(LINK.findall(document.read_text(encoding="utf-8")))
    missing = sorted(link for link in linked if not (document.parent / link).resolve().exists())
    assert not missing, f"{document.name} links to missing documents: {missing}"
