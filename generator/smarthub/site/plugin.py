"""The ``smarthub`` MkDocs plugin: a thin adapter from MkDocs' events to the site modules.

Collect once per build (``on_files``: check and load the hub, add the generated pages),
then render page by page (``on_page_markdown``: asset headers, the home page, term links),
and finish the written site (``on_post_build``: the Pagefind index, or the lunr index's size).
Check findings go to the ``mkdocs.plugins.smarthub`` logger, so warnings fail ``--strict``.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Any

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from pathspec.gitignore import GitIgnoreSpec

from smarthub import baseline, kinds
from smarthub.baseline import Baseline
from smarthub.config import ConfigError, HubConfig, load_config
from smarthub.engine import CheckResult, run_check
from smarthub.findings import Finding, Severity
from smarthub.model import Asset, SourceFile
from smarthub.options import OPTIONS
from smarthub.report.text import format_finding
from smarthub.site import answers, paths, plan, search
from smarthub.site.extension import TermLinkExtension, mark
from smarthub.site.index import HubIndex, SiteOptions
from smarthub.site.linking import Mention, MentionFinder, PageLinker, mentions_in_copy
from smarthub.site.message import MessageExtension
from smarthub.site.nav import build_nav
from smarthub.site.pages import PageRenderer, asset_markdown
from smarthub.site.preview import banner, findings_by_page
from smarthub.site.published import publish_refusal
from smarthub.site.source import source_link, source_url, sources_of_pages
from smarthub.targets import mark_output_folder
from smarthub.wording import counted

log = logging.getLogger("mkdocs.plugins.smarthub")


# Generated from the one option table: any value passes here, and smarthub.config validates
# them all when on_config loads the hub, so `smarthub check`, `smarthub build` and
# `mkdocs build` report the same problems in the same words, each with its line.
SmarthubPluginConfig = type(
    "SmarthubPluginConfig",
    (Config,),
    {
        "__doc__": "The plugin's options: every name in smarthub.options, validated there.",
        **{option.name: c.Optional(c.Type(object)) for option in OPTIONS},
    },
)


class SmarthubPlugin(BasePlugin[SmarthubPluginConfig]):
    """Publishes the hub: glossary, personas, journey, playbooks and catalog pages."""

    def __init__(self) -> None:
        self.command: str | None = None
        # Set by `smarthub build`, which has already run and printed the check.
        self.check_result: CheckResult | None = None
        self.today: dt.date | None = None
        self.drafts = False  # set by `smarthub build --drafts`
        self.hub_config: HubConfig | None = None
        self.result: CheckResult | None = None
        self.renderer: PageRenderer | None = None
        self.assets_by_page: dict[str, Asset] = {}
        self.page_linker: PageLinker | None = None
        self.index: HubIndex | None = None
        self.finder: MentionFinder | None = None
        self.mentions: dict[str, list[Mention]] = {}  # page -> the mentions marked in it
        self.sources_by_page: dict[str, SourceFile] = {}  # docs page -> its loaded file
        self.generated: set[str] = set()
        self.user_nav = False
        self.pagefind: Path | None = None  # the Pagefind binary, with `search: pagefind`
        self.pagefind_ui = False  # whether pages get the Pagefind search box
        self.preview_findings: dict[str, list[Finding]] = {}  # under `serve`: each page's findings
        self.page_sources: dict[str, str] = {}  # generated page -> its hub-relative source file
        self.asset_pages: dict[Path, str] = {}  # an asset's file -> its page (paths resolved once)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command (defining this also keeps the plugin across `serve` rebuilds)."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Validate the hub's options and make sure the Markdown the pages need is enabled."""
        if not config.config_file_path:
            raise PluginError("smarthub: the configuration must be read from a mkdocs.yml file")
        try:
            self.hub_config = load_config(Path(config.config_file_path))
        except ConfigError as error:
            raise PluginError("smarthub: " + "\n".join(error.messages)) from None
        self._configure_search(config)
        for name in plan.REQUIRED_EXTENSIONS:
            if name not in config.markdown_extensions:
                config.markdown_extensions.append(name)
        if self.hub_config.link_terms:
            config.markdown_extensions.append(TermLinkExtension(lambda: self.page_linker))
        config.markdown_extensions.append(MessageExtension())  # ready-to-send messages
        if paths.STYLESHEET not in config.extra_css:
            config.extra_css.append(paths.STYLESHEET)
        for script in (paths.ANSWERS_SCRIPT, paths.SITE_SCRIPT):
            if script not in config.extra_javascript:
                config.extra_javascript.append(script)
        if config.theme.name == "material" and config.theme.get("font") is not False:
            log.warning(
                "theme.font is not false: Material would load fonts from the internet; set 'font: false'"
            )
        if config.theme.name == "material":
            # Without pruning, Material writes the whole navigation into every page: a hub of
            # 10,000 assets became gigabytes of HTML and a build that grows with the square.
            features = config.theme.get("features") or []
            if "navigation.prune" not in features:
                config.theme["features"] = [*features, "navigation.prune"]
        self.user_nav = config.nav is not None
        # Term pages are reached from the A-Z index and search, not the sidebar; saying so
        # keeps MkDocs from listing every term as "not included in the nav" on each build.
        unlisted = [kind for kind in kinds.generated() if not kind.nav_pages]
        term_pages = GitIgnoreSpec.from_lines(
            [f"/{kind.site_folder}/*.md" for kind in unlisted]
            + [f"!/{kind.index_page}" for kind in unlisted if kind.index_page]
        )
        config.not_in_nav = config.not_in_nav + term_pages if config.not_in_nav else term_pages
        return config

    def _configure_search(self, config: MkDocsConfig) -> None:
        """With `search: pagefind`: find Pagefind, switch lunr off, load the Pagefind search box."""
        assert self.hub_config is not None
        self.pagefind, self.pagefind_ui = None, False
        if self.hub_config.search != "pagefind":
            return
        self.pagefind = search.pagefind_binary()
        if self.pagefind is None:
            raise PluginError(
                "smarthub: " + search.pagefind_missing(self.hub_config.config_file.name)
            )
        if config.theme.name != "material":
            log.warning(
                f"search: pagefind replaces Material's search box; theme '{config.theme.name}' "
                "keeps its own, and Pagefind indexes whole pages"
            )
            return
        lunr = config.plugins.get("material/search")
        if lunr is not None:
            lunr.config.enabled = False  # no lunr index, no Material search box
        if paths.SEARCH_SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(paths.SEARCH_SCRIPT)
        self.pagefind_ui = True

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Check and load the hub, drop hidden assets, add the generated pages and the nav."""
        assert self.hub_config is not None
        result = self.check_result or run_check(
            self.hub_config, today=self.today, baseline=_committed_baseline(self.hub_config)
        )
        if self.check_result is None:
            report_findings(result)
        index = self.adopt_result(result)
        self._leave_out_unchecked(files)
        for hidden in index.hidden_pages:
            found = files.get_file_from_path(hidden)
            if found is not None:
                files.remove(found)
        with_home = files.get_file_from_path(paths.HOME) is None
        generated = self.generated_markdown(index, config, with_home=with_home)
        for page, markdown in generated.items():
            existing = files.get_file_from_path(page)
            if existing is not None and page != paths.HOME:
                log.warning(
                    f"{self.hub_config.docs_dir}/{page} is replaced by the page smarthub generates: rename it"
                )
                files.remove(existing)
            files.append(File.generated(config, page, content=markdown))
        stylesheet = resources.files("smarthub").joinpath("assets/smarthub.css").read_bytes()
        files.append(File.generated(config, paths.STYLESHEET, content=stylesheet))
        if self.pagefind_ui:
            script = resources.files("smarthub").joinpath("assets/search.js").read_bytes()
            files.append(File.generated(config, paths.SEARCH_SCRIPT, content=script))
        _add_site_scripts(files, config, index)
        if not self.user_nav:
            docs_pages = [file.src_uri for file in files.documentation_pages()]
            config.nav = build_nav(index, docs_pages, generated)
            listed = set(_nav_pages(config.nav))
            # Pages of a capped section are reached from the catalog on purpose; say so, or
            # MkDocs lists every one of them as missing from the nav.
            for file in files.documentation_pages():
                if file.src_uri not in listed and file.inclusion.is_in_nav():
                    file.inclusion = InclusionLevel.NOT_IN_NAV
        self.generated = set(generated)
        return files

    def adopt_result(self, result: CheckResult, *, again: bool = False) -> HubIndex:
        """Take ``result`` as the check the pages show; return the hub seen as a site.

        ``on_files`` calls it once per build. ``smarthub serve`` calls it ``again`` after
        re-checking a saved page of the docs folder: the glossary, personas, playbooks and
        file names are those of the build, so what depends only on them is kept.
        """
        assert self.hub_config is not None
        previous = self.renderer
        self.result = result
        options = SiteOptions.for_hub(
            self.hub_config,
            drafts=self.drafts or self.command == "serve",
            today=self.today or dt.date.today(),
        )
        index = HubIndex(result.hub, options, result.context)
        self.index = index
        self.finder = MentionFinder(result.hub.terms, index.matcher, result.context)
        self.renderer = PageRenderer(
            index, body_filter=self._mark_terms, value_filter=self._mark_value
        )
        if not again or previous is None:
            self.asset_pages = {}
            self.page_sources = sources_of_pages(index)
        else:
            self.renderer.env = previous.env  # its templates are compiled already
        for asset in index.assets:
            if asset.source.path not in self.asset_pages:
                self.asset_pages[asset.source.path] = paths.asset_page(index.config, asset)
        self.assets_by_page = {self.asset_pages[asset.source.path]: asset for asset in index.assets}
        self.sources_by_page = {
            paths.docs_path(index.config, page.source.path): page.source
            for page in result.hub.pages
        }
        self.page_linker = None
        self.mentions = {}
        self.preview_findings = (
            findings_by_page(result, index, self.page_sources) if self.command == "serve" else {}
        )
        return index

    def generated_markdown(
        self, index: HubIndex, config: MkDocsConfig, *, with_home: bool
    ) -> dict[str, str]:
        """Every generated page's Markdown; the home page too when the docs have none."""
        assert self.renderer is not None
        return plan.generated_pages(
            index, self.renderer, site_name=config.site_name, with_home=with_home
        )

    def _leave_out_unchecked(self, files: Files) -> None:
        """Remove what the check could not read: linked folders, links out, FIFOs, odd names.

        Markdown files are reported by the check (LOAD001); other files only here.
        """
        assert self.hub_config is not None
        for file in list(files):
            if file.generated_by or not file.abs_src_path:
                continue
            path = Path(file.abs_src_path)
            why = publish_refusal(self.hub_config, path)
            if why is None:
                continue
            files.remove(file)
            if not file.src_uri.endswith(".md"):
                log.warning(f"{self.hub_config.docs_dir}/{file.src_uri} {why}: not published")

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Add asset headers and the home entrance; set up term links for this page."""
        assert self.renderer is not None
        source = page.file.src_uri
        generated = page.meta.get("smarthub_generated")
        asset = self.assets_by_page.get(source)
        if not generated:
            for key in plan.rewrite_front_matter(page.meta, asset=asset is not None):
                log.warning(
                    f"{source}: front-matter key '{key}' expands to too many values: left out"
                )
        link_here = self.hub_config.link_terms and generated != "index"
        self.page_linker = None
        if asset is not None:
            markdown = asset_markdown(self.renderer, asset, markdown)
        elif source == paths.HOME and source not in self.generated:
            markdown = plan.home_page(
                self.renderer,
                markdown,
                site_name=config.site_name,
                title=page.meta.get("title"),
                source=self.sources_by_page.get(source),
            )
        elif source not in self.generated:
            markdown = self._mark_terms(source, markdown, self.sources_by_page.get(source))
        if link_here and self.index is not None:
            self.page_linker = PageLinker(
                self.index.hub.terms, source, self.mentions.pop(source, [])
            )
        return markdown

    def _mark_terms(self, page: str, body: str, source: SourceFile | None) -> str:
        """``body`` with the check's term mentions in ``source`` marked for the tree processor."""
        assert self.hub_config is not None and self.finder is not None
        if source is None or not self.hub_config.link_terms:
            return body
        found = mentions_in_copy(self.finder.body(source), source.text[source.body_start :], body)
        return self._marked(page, body, found)

    def _mark_value(self, page: str, source: SourceFile, key: str, value: str) -> str:
        """A checked front-matter value shown in a generated page, its mentions marked."""
        assert self.hub_config is not None and self.finder is not None
        if not self.hub_config.link_terms:
            return value
        return self._marked(page, value, self.finder.value(source, key, value))

    def _marked(self, page: str, text: str, found: list[Mention] | None) -> str:
        if not found:
            return text
        mentions = self.mentions.setdefault(page, [])
        first = len(mentions)
        mentions += found
        return mark(text, found, first)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """The page's findings on top (under `smarthub serve`), its source link at the end."""
        source = page.file.src_uri
        found = self.preview_findings.get(source)
        if found:
            html = banner(found) + html
        assert self.hub_config is not None
        path = self.page_sources.get(source)
        if path is None and source not in self.generated:
            path = f"{self.hub_config.docs_dir.strip('/')}/{source}"
        url = path and source_url(config.repo_url, config.edit_uri, self.hub_config.docs_dir, path)
        return html + source_link(url, path) if url and path else html

    def on_serve(
        self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any
    ) -> LiveReloadServer:
        """Rebuild on edits to the glossary, personas and playbooks too (they live outside docs)."""
        assert self.hub_config is not None
        for folder in kinds.source_folders(self.hub_config):
            if folder != self.hub_config.docs_dir and (self.hub_config.root / folder).is_dir():
                server.watch(str(self.hub_config.root / folder))
        return server

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """With the Pagefind search box: mark the page's content as what Pagefind indexes."""
        if not self.pagefind_ui:
            return output
        marked = search.mark_content(output)
        if marked is None:
            log.warning(
                f"{page.file.src_uri}: no Material content area ({search.ARTICLE_START}) "
                "in the page: Pagefind leaves it out of the search index"
            )
            return output
        return marked

    @event_priority(-100)  # last: index the HTML every plugin has finished writing
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Fail `mkdocs build` on check errors; index the site with Pagefind or size up lunr's."""
        if (
            self.command in ("build", "gh-deploy")
            and self.check_result is None
            and self.result
            and self.result.errors
        ):
            count = self.result.errors
            raise PluginError(
                f"smarthub: the check found {counted(count, 'error')}: fix them first"
            )
        site_dir = Path(config.site_dir)
        mark_output_folder(site_dir)  # `smarthub build -d` then knows the folder as its own
        if self.pagefind is None:
            warning = search.lunr_index_warning(site_dir)
            if warning:
                log.warning(warning)
            return
        assert self.hub_config is not None
        try:
            pages = search.index_site(
                self.pagefind,
                site_dir,
                keep_index_url=not config.use_directory_urls,
                cwd=self.hub_config.root,
            )
        except search.PagefindError as error:
            raise PluginError(f"smarthub: {error}") from None
        indexed = counted(pages, "page") if pages is not None else "the site"
        log.info(f"Pagefind indexed {indexed} into {site_dir / 'pagefind'}")


def report_findings(result: CheckResult) -> None:
    """Log each finding: errors as errors, warnings as warnings (both fail `mkdocs build --strict`)."""
    for finding in result.findings:
        level = logging.ERROR if finding.severity is Severity.ERROR else logging.WARNING
        log.log(level, format_finding(finding))


def _add_site_scripts(files: Files, config: MkDocsConfig, index: HubIndex) -> None:
    """The scripts every page loads, and the search answers' table (URLs as MkDocs writes them)."""
    assets = resources.files("smarthub").joinpath("assets")
    for path, name in ((paths.ANSWERS_SCRIPT, "answers.js"), (paths.SITE_SCRIPT, "smarthub.js")):
        files.append(File.generated(config, path, content=assets.joinpath(name).read_bytes()))

    def url_of(page: str) -> str | None:
        found = files.get_file_from_path(page)
        return found.url if found is not None else None

    table = answers.answers_script(index, url_of)
    files.append(File.generated(config, paths.ANSWERS_DATA, content=table))


def _nav_pages(items: Any) -> Iterator[str]:
    """Every page path named in a MkDocs ``nav`` structure."""
    if isinstance(items, str):
        yield items
    elif isinstance(items, dict):
        for value in items.values():
            yield from _nav_pages(value)
    elif isinstance(items, list):
        for item in items:
            yield from _nav_pages(item)


def _committed_baseline(config: HubConfig) -> Baseline | None:
    """The hub's baseline file, so the site build hides the findings ``smarthub check`` hides."""
    try:
        return baseline.resolve(config)
    except ConfigError as error:
        raise PluginError("smarthub: " + "\n".join(error.messages)) from None
