"""Whether a form found in a text names something (a file, a channel, a slug) or says it.

The matcher finds forms as whole words; an occurrence inside an identifier is not a use of
the term. ``in_identifier`` decides from the token around the occurrence (the README's
"How terms are matched" documents the rules for users).
"""

from __future__ import annotations

import re

_IDENTIFIER_REACH = 256  # characters inspected each side when deciding "identifier"
_TOKEN_DELIMITERS = frozenset('\x00()[]{}<>"“”«»')
OPENING_QUOTES = "'‘’"
_SHORTCODE_OPENS = re.compile(r":[\w+-]*\Z")  # ":fontawesome-brands-" before the form
_SHORTCODE_CLOSES = re.compile(r"[\w+-]*:")  # "-16:" after it
_DOT_IN_NAME = re.compile(r"[^\W_]\.[^\W_]")

ENGLISH_PREFIXES = frozenset(
    ["non", "pre", "post", "anti", "co", "multi", "cross", "ex", "pro", "un", "semi", "self"]
)

# Every character for which str.isspace() holds, written out: scanning the code points for
# them cost 1.5 ms at every start (tests/test_matcher.py checks the list against Unicode).
WHITESPACE = frozenset(
    "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005"
    "\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)
DELIMITERS = WHITESPACE | _TOKEN_DELIMITERS  # what ends the token around an occurrence
_DELIMITERS_OR_END = DELIMITERS | {""}
_SENTENCE_MARKS = frozenset(".,;:!?")


def in_identifier(text: str, start: int, end: int, name: bool) -> bool:
    """Whether ``[start, end)`` lies inside a token that names something rather than says it.

    The token is the run of characters around the occurrence up to whitespace, brackets or
    double quotes. It is an identifier when the form sits inside an icon shortcode
    (``:fontawesome-brands-hubspot:``, also next to another: ``:smile::hubspot:``), begins
    with ``#`` or ``@`` (a channel or handle), holds ``_`` or a dot between two letters or
    digits outside the form (snake names, file names, domains, dotted paths), or, for the
    form of a name (``name``: see ``Form.name``), is all lower case and joins the form to
    more with ``-`` or ``/`` (a slug: ``mattermost-server``, but ``no-decision`` is prose).
    Only the form's surroundings count, so ``.NET`` and ``#tag`` can be forms.
    """
    if start == 0 or text[start - 1] in DELIMITERS:
        following = text[end : end + 2]
        if not following or following[0] in DELIMITERS:
            # A token of its own, as most occurrences are: only a lower-case name can name
            # something there, an object that follows it ("the gitlab pod").
            return (
                name and not any(map(str.isupper, text[start:end])) and _names_an_object(text, end)
            )
        if following[0] in _SENTENCE_MARKS and following[1:] in _DELIMITERS_OR_END:
            return False  # "HubSpot." or "leads,": a mark of punctuation ends the token
    left = start
    floor = max(0, start - _IDENTIFIER_REACH)
    while left > floor and text[left - 1] not in DELIMITERS:
        left -= 1
    right = end
    ceiling = min(len(text), end + _IDENTIFIER_REACH)
    while right < ceiling and text[right] not in DELIMITERS:
        right += 1
    before, after = text[left:start], text[end:right]
    if before:
        if _SHORTCODE_OPENS.search(before) and _SHORTCODE_CLOSES.match(after):
            return True
        before = before.lstrip(OPENING_QUOTES)
        if before[:1] in ("#", "@") or "_" in before or _DOT_IN_NAME.search(before + "x"):
            return True
    # The usual case, a form that begins its token, needs only the checks of what follows.
    # (A dot in a name needs a character after it: "HubSpot." is no file name.)
    if after and ("_" in after or ("." in after[:-1] and _DOT_IN_NAME.search("x" + after))):
        return True
    written = text[start:end]
    if not name or any(map(str.isupper, before + written + after)):
        return False
    if not before and not after:
        return _names_an_object(text, right)
    if not any(char in "-/" for char in before + after):
        return False
    return not _prose_compound(before, written, after)


# Infrastructure objects that are named after the product in lower case: "the sourcegraph
# database", "the gitlab pod", "the sourcegraph release" (Helm). "Instance", "team" or
# "account" are left out: "our hubspot account" is a misspelt name, not an identifier.
_OBJECT_NOUNS = frozenset(
    [
        "db",
        "database",
        "pod",
        "pods",
        "release",
        "chart",
        "namespace",
        "container",
        "repo",
        "repository",
        "bucket",
        "schema",
        "volume",
        "secret",
        "configmap",
        "deployment",
    ]
)


def _names_an_object(text: str, token_end: int) -> bool:
    """Whether a lower-case name is followed by the kind of object it names (``gitlab pod``)."""
    following = _NEXT_WORD.match(text, token_end)
    return following is not None and following.group(1).casefold() in _OBJECT_NOUNS


_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_]+)")


def _prose_compound(before: str, written: str, after: str) -> bool:
    """A lower-case compound that is still prose: ``non-sourcegraph`` or ``email/slack``.

    An English prefix before the name (``non-``, ``pre-``, ...) makes a word, and two plain
    words joined by one slash with the name last read "this or that" (``ticket/slack``);
    with the name first (``sourcegraph/server``) they are an owner and a name, as in
    repository and image names.
    """
    after = after.rstrip(".,;:!?)")  # sentence punctuation ends the token
    if not after and before.endswith("-") and before[:-1] in ENGLISH_PREFIXES:
        return True
    other = before[:-1]
    return (
        not after
        and before.count("/") == 1
        and before.endswith("/")
        and other.isalpha()
        and other.casefold() != written.casefold()  # sourcegraph/sourcegraph: owner and name
    )
