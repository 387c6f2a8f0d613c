"""Every option of the ``smarthub`` plugin, declared once.

``smarthub.config`` validates the options against this table (unknown names get a
did-you-mean, every problem its line), and the MkDocs plugin's ``config_scheme`` is
generated from it, so ``smarthub check``, ``smarthub build`` and ``mkdocs build`` accept
and refuse exactly the same settings, in the same words.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from smarthub import kinds


@dataclass(frozen=True, eq=False)  # identity: a table row (no __eq__ to build)
class Option:
    """One plugin option: its name, its default and what it is for.

    ``flag`` options are true or false and validated here; the others have their own
    validator in ``smarthub.config`` (lists of ids, mappings, folders, the voice block).
    """

    name: str
    default: Any
    help: str
    flag: bool = False


DEFAULT_TEAMS = ("sales", "marketing")
DEFAULT_JOURNEY = ("awareness", "consideration", "decision", "onboarding", "expansion")
DEFAULT_ASSET_TYPES = ("battlecard", "case-study", "email-template", "one-pager", "talk-track")

OPTIONS: tuple[Option, ...] = (
    Option("teams", DEFAULT_TEAMS, "team ids: owners and sign-offs"),
    Option("journey", DEFAULT_JOURNEY, "the buyer journey's stages, in order"),
    Option("asset_types", DEFAULT_ASSET_TYPES, "the kinds of sales-enablement asset"),
    Option("required_approvals", DEFAULT_TEAMS, "teams that must sign off a term"),
    Option("review_interval_days", 180, "days between reviews"),
    Option("review_intervals", {}, "days between reviews, per asset type"),
    Option("acronyms", {}, "acronyms allowed without a glossary entry, built-in lists"),
    Option("severity", {}, "severity per rule code or name: error, warning or off"),
    Option("check_quoted_terms", False, "TERM001-TERM003 also inside quotation marks", flag=True),
    # A folder option per kind with a folder of its own (glossary_dir, personas_dir, ...).
    *(
        Option(kind.folder_option, kind.default_folder, f"the folder of {kind.noun} files")
        for kind in kinds.BUILTIN
        if not kind.in_docs
    ),
    Option("voice", None, "brand-voice rules (VOICE001-VOICE006) and the voice page"),
    Option("harvest", None, "what smarthub harvest never proposes again"),
    Option("search", "lunr", "the site's search engine: lunr or pagefind"),
    Option("search_boost", True, "rank glossary pages higher in lunr search", flag=True),
    Option("drafts", False, "publish draft and retired assets", flag=True),
    Option("link_terms", True, "link first mentions and add abbreviation tooltips", flag=True),
)

NAMES: tuple[str, ...] = tuple(option.name for option in OPTIONS)
FLAGS: tuple[Option, ...] = tuple(option for option in OPTIONS if option.flag)
DEFAULTS: dict[str, Any] = {option.name: option.default for option in OPTIONS}


def names() -> tuple[str, ...]:
    """Every option name, with the folder options of kinds registered after import."""
    extra = tuple(name for name in kinds.folder_defaults() if name not in DEFAULTS)
    return NAMES + extra
