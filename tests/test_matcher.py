"""The term matcher on its own: what it finds in a text, with exact offsets.

The rule cases (``tests/rules/cases``) check the same contract through whole hubs; these
run in milliseconds, so the mutation run (``benchmarks/MUTATION.md``) can afford them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from smarthub.matcher import Form, Occurrence, TermMatcher, forms_of, normal_spelling, starts_word
from smarthub.model import AvoidForm, SourceFile, Term


def _term(term_id: str, term: str, **fields: object) -> Term:
    source = SourceFile(Path(f"glossary/{term_id}.md"), f"glossary/{term_id}.md", "term")
    return Term(source=source, term=term, owner="sales", **fields)  # type: ignore[arg-type]


GLOSSARY = [
    _term("email", "email", avoid=[AvoidForm("e-mail", "one word")]),
    _term("mql", "Marketing Qualified Lead", abbreviation="MQL", avoid=[AvoidForm("hot lead")]),
    _term("sal", "Sales Accepted Lead", abbreviation="SAL"),
    _term("hubspot", "HubSpot", aliases=["HubSpot CRM"]),
    _term("salesforce", "Salesforce", avoid=[AvoidForm("Sales Force", case="exact")]),
    _term("journey", "buyer journey", avoid=[AvoidForm("customer's journey")]),
    _term("topic", "topic", avoid=[AvoidForm("#tag"), AvoidForm("+1")]),
    _term("cpp", "C++"),
    _term("dotnet", ".NET SDK"),
    _term("naive", "simple", avoid=[AvoidForm("nai\u0308ve")]),
    _term("cafe", "coffee corner", avoid=[AvoidForm("café")]),
    _term("closed-won", "closed-won", aliases=["closed-won deal"], avoid=[AvoidForm("won deal")]),
    _term("it-is", "it is", avoid=[AvoidForm("'tis")]),
]
MATCHER = TermMatcher(GLOSSARY)


def found(text: str, matcher: TermMatcher = MATCHER) -> list[tuple[int, str, str]]:
    """``(start, written text, listed form)`` of every occurrence."""
    return [(o.start, o.text, o.form.text) for o in matcher.find(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("an e-mail", [(3, "e-mail", "e-mail")]),
        ("E-MAIL", [(0, "E-MAIL", "e-mail")]),
        ("e-mails e-mailes", [(0, "e-mails", "e-mail"), (8, "e-mailes", "e-mail")]),
        ("E-MAILS", [(0, "E-MAILS", "e-mail")]),
        ("e-mail's e-mail’s", [(0, "e-mail's", "e-mail"), (9, "e-mail’s", "e-mail")]),
        ("e-mails' e-mails’", [(0, "e-mails'", "e-mail"), (9, "e-mails’", "e-mail")]),
        ("hot leads", [(0, "hot leads", "hot lead")]),
        ("hot\n  lead", [(0, "hot\n  lead", "hot lead")]),
        ("hot\x00lead hotlead hot-lead", []),
        ("e-mailx xe-mail e_mail e-mail_x", []),
        ("e-mailsx e-mail'x", [(9, "e-mail", "e-mail")]),
        ("", []),
        ("an e-mail.", [(3, "e-mail", "e-mail")]),
        ("an e-mail@", [(3, "e-mail", "e-mail")]),
        ("write e-mail@x or e-mail.x", []),
        ("write e-mail@x", []),
        ("C++s and C++'s", [(0, "C++s", "C++"), (9, "C++'s", "C++")]),
        ("’tis and 'tis", [(0, "’tis", "'tis"), (9, "'tis", "'tis")]),
    ],
)
def test_words_inflections_and_boundaries(text: str, expected: list) -> None:
    assert found(text) == expected


def test_occurrence_parts() -> None:
    (occurrence,) = MATCHER.find("Two hot\nleads’ scores")
    assert (occurrence.start, occurrence.stem_end, occurrence.end) == (4, 12, 14)
    assert occurrence.stem == "hot\nlead"
    assert occurrence.inflection == "s’"
    assert occurrence.normal_stem == "hot lead"
    assert normal_spelling(" customer’s \n journey ") == "customer's journey"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MQL MQLs MQL's MQL’s MQLs' MQLs’", ["MQL", "MQLs", "MQL's", "MQL’s", "MQLs'", "MQLs’"]),
        ("SALES AES MQLS MQLes Mql mql MQL'S", ["MQL"]),
        ("SALs SAL", ["SALs", "SAL"]),
    ],
)
def test_abbreviations_exact_case_lower_case_inflections(text: str, expected: list) -> None:
    assert [o.text for o in MATCHER.find(text) if o.form.kind == "abbreviation"] == expected


def test_case_exact_avoided_form() -> None:
    assert found("the sales force, SALES FORCE, Sales\nForce, Sales Forces, Sales ForceS") == [
        (30, "Sales\nForce", "Sales Force"),
        (43, "Sales Forces", "Sales Force"),
    ]


def test_exact_form_wins_over_the_same_letters_in_any_case() -> None:
    matcher = TermMatcher(
        [_term("linkedin", "LinkedIn", avoid=[AvoidForm("Linkedin", case="exact")])]
    )
    assert [(o.text, o.form.kind) for o in matcher.find("LinkedIn Linkedin linkedin")] == [
        ("LinkedIn", "term"),
        ("Linkedin", "avoid"),
        ("linkedin", "term"),
    ]


def test_apostrophes_are_one_character_in_forms() -> None:
    assert found("customer’s journey, Customer's Journey") == [
        (0, "customer’s journey", "customer's journey"),
        (20, "Customer's Journey", "customer's journey"),
    ]


def test_nfc_and_nfd_spellings_match_with_the_texts_own_offsets() -> None:
    assert found("naïve nai\u0308ve café cafe\u0301 cafe") == [
        (0, "naïve", "nai\u0308ve"),
        (6, "nai\u0308ve", "nai\u0308ve"),
        (13, "café", "café"),
        (18, "cafe\u0301", "café"),
    ]


def test_combining_mark_continues_a_word() -> None:
    matcher = TermMatcher([_term("cafe", "coffee", avoid=[AvoidForm("cafe")])])
    assert found("cafe\u0301 cafe \u0301cafe", matcher) == [(6, "cafe", "cafe")]


def test_leftmost_longest_and_overlaps() -> None:
    assert found("a closed-won deal; a won deal; closed-won") == [
        (2, "closed-won deal", "closed-won deal"),
        (21, "won deal", "won deal"),
        (31, "closed-won", "closed-won"),
    ]
    assert found("HubSpot CRM and HubSpot") == [
        (0, "HubSpot CRM", "HubSpot CRM"),
        (16, "HubSpot", "HubSpot"),
    ]


def test_symbol_forms_begin_a_token() -> None:
    assert found("#tag (#tag) '#tag' #tags +1 C++ .NET SDK") == [
        (0, "#tag", "#tag"),
        (6, "#tag", "#tag"),
        (13, "#tag", "#tag"),
        (19, "#tags", "#tag"),
        (25, "+1", "+1"),
        (28, "C++", "C++"),
        (32, ".NET SDK", ".NET SDK"),
    ]
    assert found("##tag x#tag X#tag #tagline ++1 a+1 +10 C++x ASP.NET SDK") == []


@pytest.mark.parametrize(
    "text",
    [
        "hubspot-export.csv",
        "export.hubspot",
        "www.hubspot",
        "github.com/hubspot/api",
        "hubspot_export",
        "#hubspot-revops",
        "#HubSpot",
        "@hubspot",
        "@team-hubspot",
        ":fontawesome-brands-hubspot:",
        ":HubSpot:",
        "mattermost-hubspot",
        "hubspot/api-clients",
        "'hubspot-export'",
        "(hubspot-export)",
        "e-mail_address",
        ":e-mail:",
        "#X-hubspot",
        "@Team-hubspot",
        "Foo_Bar-hubspot",
        "hubspot-Foo_Bar",
        ":smile::hubspot:",
        ":hubspot::smile:",
        ":Brand-hubspot-16:",
    ],
)
def test_identifiers_are_not_prose(text: str) -> None:
    assert found(f"See {text} now.") == []


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("Hubspot-powered", 4),
        ("Hubspot/Salesforce", 4),
        ("HubSpot.", 4),
        ("hubspot, then", 4),
        ("(hubspot)", 5),
        ("'hubspot'", 5),
        ("hubspot: yes", 4),
        ("e-mail-first", 4),
        ("e-mail/phone", 4),
        ("pre-e-mail", 8),
        ("HubSpot-e-mail", 4),
        ("a:hubspot", 6),
        (":hubspot", 5),
        ("hubspot:", 4),
        ("hubspot-X", 4),
        ("X#hubspot", 6),
        ("HUBSPOT", 4),
        (":a b: hubspot", 10),
        ("note: hubspot: yes", 10),
        ("Hubspot- a_b", 4),
    ],
)
def test_prose_compounds_are_uses(text: str, start: int) -> None:
    assert found(f"See {text} now.")[0][0] == start


def test_lower_case_slugs_are_identifiers_only_for_names() -> None:
    matcher = TermMatcher(
        [
            _term("decision", "Decision"),
            _term("mattermost", "Mattermost", casing="exact"),
            _term("sfdc", "Salesforce", avoid=[AvoidForm("SFdc")]),
        ]
    )
    assert found("no-decision losses, decision/plan", matcher) == [
        (3, "decision", "Decision"),
        (20, "decision", "Decision"),
    ]
    assert found("mattermost-server, sfdc-export, mattermost/docs", matcher) == []
    assert [(f.text, f.name) for f in matcher.forms] == [
        ("Mattermost", True),
        ("Salesforce", False),
        ("Decision", False),
        ("SFdc", True),
    ]


def test_identifier_reach_is_256_characters_each_side() -> None:
    assert found("#" + "X" * 254 + "-hubspot") == []  # "#" is the 256th character before
    assert found("#" + "X" * 255 + "-hubspot") == [(257, "hubspot", "HubSpot")]
    assert found("hubspot-" + "X" * 253 + ".csv") == []  # "c" is the 256th character after
    assert found("hubspot-" + "X" * 254 + ".csv") == [(0, "hubspot", "HubSpot")]


def test_identifier_reach_is_bounded() -> None:
    far = "#" + "x-" * 200 + "hubspot-export.csv"
    assert found(far) == []
    beyond = "#" + "x-" * 200 + "e-mail"
    assert found(beyond) == [(401, "e-mail", "e-mail")]


def test_curly_apostrophe_starts_a_form_listed_with_a_straight_one() -> None:
    matcher = TermMatcher([GLOSSARY[-1]])
    assert found("’tis 'tis", matcher) == [(0, "’tis", "'tis"), (5, "'tis", "'tis")]


def test_adjacent_occurrences_are_both_found() -> None:
    matcher = TermMatcher([_term("open", "open (", avoid=[AvoidForm("foo(")]), GLOSSARY[6]])
    assert found("foo(#tag", matcher) == [(0, "foo(", "foo("), (4, "#tag", "#tag")]


def test_starts_word() -> None:
    assert starts_word("x", 0)
    assert starts_word("a x", 2)
    assert not starts_word("ax", 1)
    assert not starts_word("a_x", 2)
    assert not starts_word("@x", 1)
    assert not starts_word("a.x", 2)
    assert starts_word(".x", 1)
    assert starts_word(" .x", 2)
    assert not starts_word("e\u0301x", 2)


def test_forms_and_kinds() -> None:
    forms = forms_of(GLOSSARY[4])
    assert forms == [
        Form("salesforce", "Salesforce", "term"),
        Form("salesforce", "Sales Force", "avoid", None, exact=True, name=True),
    ]
    assert forms[0].accepted and not forms[1].accepted
    assert forms[1].case_sensitive and not forms[0].case_sensitive
    assert Form("mql", "MQL", "abbreviation").case_sensitive
    assert Form("a", "b", "term").reason is None
    assert Form("a", "b", "term").exact is False
    assert [f.kind for f in forms_of(GLOSSARY[1])] == ["term", "abbreviation", "avoid"]
    assert forms_of(GLOSSARY[3])[1] == Form("hubspot", "HubSpot CRM", "alias", name=True)
    assert forms_of(GLOSSARY[0])[1].reason == "one word"


def test_forms_listed_longest_first_and_blank_forms_dropped() -> None:
    matcher = TermMatcher([_term("a", "ab", aliases=[" ", "abc"]), _term("b", "abc")])
    assert [(f.term_id, f.text, f.kind) for f in matcher.forms] == [
        ("b", "abc", "term"),
        ("a", "abc", "alias"),
        ("a", "ab", "term"),
    ]
    assert found("abc", matcher) == [(0, "abc", "abc")]
    assert matcher.find("abc")[0].form.kind == "term"  # kind breaks the tie, not file order


def test_empty_glossary_finds_nothing() -> None:
    matcher = TermMatcher([])
    assert matcher.find("anything at all") == []
    assert list(matcher.candidate_starts("anything")) == []


def test_candidate_starts_are_word_starts_and_symbols() -> None:
    assert list(MATCHER.candidate_starts("xhot hot lead #tag e-mails")) == [5, 14, 19]


def test_candidate_starts_skip_first_words_no_form_continues() -> None:
    # "hot" begins only "hot lead"; "sales" only "Sales Accepted Lead" and "Sales Force",
    # and is no SAL with a glued "es" (an abbreviation takes a lower-case "s" only).
    assert list(MATCHER.candidate_starts("hot take, hot\n  lead, Hot-lead")) == [10]
    assert list(MATCHER.candidate_starts("sales team, SALES accepted lead, the SALs")) == [12, 37]
    assert list(MATCHER.candidate_starts("Sales\nForce and sales force")) == [0, 16]
    # Where a form may end, a longer word may be its inflection: "leads" is found.
    assert [o.text for o in MATCHER.find("Two hot\nleads and one hot lead's")] == [
        "hot\nleads",
        "hot lead's",
    ]


def test_many_terms_sharing_a_first_word() -> None:
    terms = [_term(f"t{index}", f"sales thing{index}") for index in range(300)]
    matcher = TermMatcher(terms)
    assert [o.form.term_id for o in matcher.find("sales thing7 and sales thing299s")] == [
        "t7",
        "t299",
    ]


def test_occurrence_is_the_texts_own_slice() -> None:
    text = "An E-Mail’s HOT\tLeads"
    for occurrence in MATCHER.find(text):
        assert isinstance(occurrence, Occurrence)
        assert text[occurrence.start : occurrence.end] == occurrence.text


def test_whitespace_table_holds_every_whitespace_character() -> None:
    import sys

    from smarthub.identifiers import WHITESPACE

    every = {char for char in map(chr, range(sys.maxunicode + 1)) if char.isspace()}
    assert every == WHITESPACE


def test_inflections_are_found_in_any_case_after_forms_in_any_case() -> None:
    assert [o.text for o in MATCHER.find("E-MAILES, e-mailS and e-mail’S, e-mail.")] == [
        "E-MAILES",
        "e-mailS",
        "e-mail’S",
        "e-mail",
    ]
