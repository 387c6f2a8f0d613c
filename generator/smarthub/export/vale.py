"""The glossary as a Vale vocabulary: ``accept.txt`` and ``reject.txt``, one regex a line.

Layout (Vale 3 and later): ``<StylesPath>/config/vocabularies/<Name>/accept.txt`` and
``reject.txt``; enable it with ``Vocab = <Name>`` in ``.vale.ini``. Vale reads each line as
a regular expression, so metacharacters are escaped. Forms smarthub finds in any case get
a ``(?i)`` prefix; abbreviations, and terms whose casing is ``exact`` or ``sentence``, stay
case-sensitive so that Vale.Terms enforces their spelling.

accept: the canonical terms, abbreviations and aliases of approved and proposed terms.
reject: avoided forms, and every form of a deprecated term.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePosixPath

from smarthub.export.forms import ADMITTED, PREFERRED, FormRow, form_rows
from smarthub.model import Term

DEFAULT_NAME = "Smarthub"
_METACHARACTERS = re.compile(r"([\\.^$*+?()\[\]{}|])")
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


def escape(form: str) -> str:
    """``form`` as a regular expression that matches exactly it (spaces kept readable)."""
    return _METACHARACTERS.sub(r"\\\1", form)


def entry(row: FormRow) -> str:
    """The vocabulary line for a form."""
    pattern = escape(" ".join(row.form.text.split()))
    case_sensitive = row.form.kind == "abbreviation" or (
        row.status in (PREFERRED, ADMITTED) and row.term.casing != "any"
    )
    return pattern if case_sensitive else f"(?i){pattern}"


def vocabulary(terms: Iterable[Term]) -> tuple[list[str], list[str]]:
    """The accept and reject lines, each sorted and without duplicates."""
    accept: set[str] = set()
    reject: set[str] = set()
    for row in form_rows(terms):
        (accept if row.status in (PREFERRED, ADMITTED) else reject).add(entry(row))
    order = lambda line: (line.removeprefix("(?i)").casefold(), line)  # noqa: E731
    return sorted(accept, key=order), sorted(reject, key=order)


def check_name(name: str) -> str | None:
    """Why ``name`` cannot name a vocabulary folder, or ``None`` when it can."""
    if not _NAME.fullmatch(name):
        return (
            f"vocabulary name {name!r} must be one folder name of letters, digits, '.', '_' "
            "or '-', for example Smarthub"
        )
    return None


def vale_files(terms: Iterable[Term], name: str = DEFAULT_NAME) -> dict[PurePosixPath, str]:
    """The files to write under the StylesPath: relative path -> text."""
    accept, reject = vocabulary(terms)
    folder = PurePosixPath("config", "vocabularies", name)
    return {
        folder / "accept.txt": "".join(f"{line}\n" for line in accept),
        folder / "reject.txt": "".join(f"{line}\n" for line in reject),
    }
