"""``smarthub stage``: the complete docs tree, generated pages and links included, for any engine.

The output folder gets ``mkdocs.yml`` and ``docs/``: content files (assets with their header,
titles escaped), every generated page, the stylesheet, and static files copied as they are.
A plain ``mkdocs build`` in that folder needs no smarthub plugin.
"""

from __future__ import annotations

import shutil
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from smarthub.atomic import write_atomic
from smarthub.config import HubConfig, inherit_files, merged_settings
from smarthub.load import load_hub
from smarthub.model import SourceFile
from smarthub.site import paths, plan
from smarthub.site.bake import abbreviation_definitions, bake_links
from smarthub.site.index import HubIndex, SiteOptions
from smarthub.site.linking import Mention, MentionFinder, PageLinker, mentions_in_copy
from smarthub.site.nav import build_nav
from smarthub.site.pages import PageRenderer, asset_markdown
from smarthub.site.published import publish_refusal
from smarthub.site.staged_config import STAGED_DOCS_DIR, staged_config
from smarthub.targets import check_output_folder, mark_output_folder


@dataclass(frozen=True)
class StageReport:
    """What was written: the folder, and how many pages and other files."""

    folder: Path
    pages: int
    files: int


def stage(config: HubConfig, out: Path, options: SiteOptions) -> StageReport:
    """Write the staged site for ``config`` into ``out`` (its ``docs/`` is replaced)."""
    out = check_output_folder(config, out, "stage")
    hub = load_hub(config)
    index = HubIndex(hub, options)
    link_terms = options.link_terms
    finder = MentionFinder(hub.terms, index.matcher)
    explained: dict[str, list[Mention]] = defaultdict(list)  # page -> mentions, for *[ABBR]

    def bake(page: str, body: str, source: SourceFile | None) -> str:
        if not link_terms or source is None:
            return body
        found = mentions_in_copy(finder.body(source), source.text[source.body_start :], body)
        if not found:
            return body
        explained[page] += found
        return bake_links(body, PageLinker(hub.terms, page, found))

    def explain(page: str, source: SourceFile, key: str, value: str) -> str:
        if link_terms:  # shown inside generated Markdown: tooltips only, no baked link
            explained[page] += finder.value(source, key, value)
        return value

    renderer = PageRenderer(index, body_filter=bake, value_filter=explain)
    site_name = str(_site_name(config))
    docs = out / STAGED_DOCS_DIR
    mark_output_folder(out)
    if docs.exists():
        shutil.rmtree(docs)  # ours: the folder carries the marker (never follows links)
    docs.mkdir(parents=True)

    pages: dict[str, str] = {}
    sources = {source.path.resolve(): source for source in hub.sources}
    assets = {paths.asset_page(config, asset): asset for asset in index.assets}
    other_files = 0
    docs_root = config.root / config.docs_dir
    for path in sorted(docs_root.rglob("*")):
        if any(part.startswith(".") for part in path.relative_to(docs_root).parts):
            continue
        if path.is_dir() and not path.is_symlink():
            continue
        if publish_refusal(config, path):
            continue  # the check reports it (LOAD001); never copied into the staged tree
        page = paths.docs_path(config, path)
        if page in index.hidden_pages:
            continue
        source = sources.get(path.resolve())
        if path.suffix != ".md" or source is None:
            target = docs / page
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            other_files += 1
            continue
        body = source.text[source.body_start :]
        meta = dict(source.meta)
        plan.rewrite_front_matter(meta, asset=page in assets)  # the check reports what it drops
        if page in assets:
            body = asset_markdown(renderer, assets[page], body)
        elif page == paths.HOME:
            title = meta.get("title") if isinstance(meta.get("title"), str) else None
            body = plan.home_page(renderer, body, site_name=site_name, title=title, source=source)
        else:
            body = bake(page, body, source)
        pages[page] = _front_matter(meta) if source.has_front_matter else ""
        pages[page] += body
    with_home = paths.HOME not in pages
    generated = plan.generated_pages(index, renderer, site_name=site_name, with_home=with_home)
    pages.update(generated)

    for page, markdown in pages.items():
        definitions = abbreviation_definitions(explained.get(page, []), hub.terms)
        target = docs / page
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(
            f"{markdown.rstrip()}\n\n{definitions}\n" if definitions else markdown, encoding="utf-8"
        )
    stylesheet = docs / paths.STYLESHEET
    stylesheet.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(Path(__file__).parent.parent / "assets" / "smarthub.css", stylesheet)

    nav = build_nav(index, pages, generated)
    originals = [path.read_text(encoding="utf-8-sig") for path in inherit_files(config.config_file)]
    text = staged_config(
        originals, extensions=plan.STAGED_EXTENSIONS, stylesheet=paths.STYLESHEET, nav=nav
    )
    write_atomic(out / "mkdocs.yml", text)  # replaces a symbolic link, never writes through it
    return StageReport(out, len(pages), other_files + 1)


def _front_matter(meta: dict) -> str:
    """Front matter as YAML, rewritten for the site by ``plan.rewrite_front_matter``."""
    return "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---\n"


def _site_name(config: HubConfig) -> str:
    from smarthub.yamlsafe import MkDocsConfigLoader, compose_and_construct

    data: dict = {}
    for path in reversed(inherit_files(config.config_file)):
        loaded, _ = compose_and_construct(path.read_text(encoding="utf-8-sig"), MkDocsConfigLoader)
        data = merged_settings(data, loaded if isinstance(loaded, dict) else {})
    return data.get("site_name", "Hub")
