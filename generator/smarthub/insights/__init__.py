"""``smarthub report``: what the hub covers and where it needs attention.

``model.build_insights`` gathers the facts from one check run (coverage matrix, overdue
reviews, untagged assets, term usage, findings by rule); ``text``, ``markdown`` and
``json`` render them. Renderers only format: every number is computed in the model.
"""

from __future__ import annotations

from collections.abc import Callable

from smarthub.insights.model import Insights, build_insights

FORMATS = ("text", "json", "markdown")


def renderer_for(name: str) -> Callable[[Insights], str]:
    """The renderer for an output format name (text, json or markdown)."""
    if name == "json":
        from smarthub.insights.json import render_json

        return render_json
    if name == "markdown":
        from smarthub.insights.markdown import render_markdown

        return render_markdown
    from smarthub.insights.text import render_text

    return render_text


__all__ = ["FORMATS", "Insights", "build_insights", "renderer_for"]
