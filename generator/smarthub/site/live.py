"""``smarthub serve``: a preview that rebuilds only the pages a save changes.

The first build is a whole MkDocs build; it keeps what later saves need (MkDocs' config,
files, nav and Jinja environment, the plugin's check and index). Then, on a save:

- a page of the docs folder (an asset or an ``index.md``) is checked again on its own,
  against the hub kept from the last build (``buffer.check_in_hub``, as the language server
  checks a buffer), and the pages that show it are rendered again: its own page, the
  generated pages whose Markdown changes (catalog, personas, journey, needs-review, a term's
  "used in" list, the home page) and the search answers' table. When the page's front matter
  keeps every value the listings show, only its own page and the term pages whose "used in"
  lists it joined or left are looked at;
- another file of the docs folder (an image, a stylesheet) is copied;
- anything else (the glossary, personas, playbooks, ``mkdocs.yml``, a file added, deleted or
  renamed, a page hidden or shown, a change of the navigation or of a page's title)
  rebuilds everything, as MkDocs' own ``serve`` does.

Only the saved file's findings can change: every rule reports on a file from that file and
the glossary, personas and options, which such a save leaves as they were.

The lunr index keeps every page: the rebuilt pages' entries are replaced, the others kept.
Pages are written to a temporary file and renamed, and the server holds requests while a
rebuild runs, so a browser never gets a half-written page.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Iterator
from pathlib import Path

import jinja2
from mkdocs.commands.build import build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation

from smarthub import baseline as baselines
from smarthub import kinds
from smarthub.buffer import check_in_hub, kind_of
from smarthub.config import ConfigError, HubConfig
from smarthub.engine import CheckResult, enabled_codes
from smarthub.findings import Finding
from smarthub.insights.usage import accepted_uses
from smarthub.model import Hub
from smarthub.site import paths
from smarthub.site.index import HubIndex
from smarthub.site.nav import build_nav
from smarthub.site.plugin import SmarthubPlugin, report_findings
from smarthub.site.rerender import forget_search_entries, populate, render, write_replacing
from smarthub.wording import counted

log = logging.getLogger("mkdocs.plugins.smarthub")

MAX_PAGES_PER_REBUILD = 20  # more saved at once (a checkout, a search-and-replace): build all


class FullBuild(Exception):
    """A change the incremental rebuild does not cover: build everything."""


class _Recorder(BasePlugin):
    """Keeps what a whole build made, for the rebuilds of single pages after it."""

    def __init__(self) -> None:
        self.files: Files | None = None
        self.nav: Navigation | None = None
        self.env: jinja2.Environment | None = None

    @event_priority(-100)  # after every other plugin has had its say
    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        self.files = files
        return files

    @event_priority(-100)
    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        self.nav = nav
        return nav

    @event_priority(-100)
    def on_env(
        self, env: jinja2.Environment, *, config: MkDocsConfig, files: Files
    ) -> jinja2.Environment:
        self.env = env
        return env


@dataclasses.dataclass
class Built:
    """What the last whole build made: MkDocs' config, files, nav and template environment."""

    config: MkDocsConfig
    files: Files
    nav: Navigation
    env: jinja2.Environment

    @property
    def plugin(self) -> SmarthubPlugin:
        """The smarthub plugin of this build."""
        plugin = self.config.plugins.get("smarthub")
        assert isinstance(plugin, SmarthubPlugin)
        return plugin


Stamp = tuple[int, int, int] | None


def stamp(path: str) -> Stamp:
    """What says a file changed: its modification time, size and inode (None: no such file)."""
    try:
        found = os.stat(path)
    except OSError:
        return None
    return (found.st_mtime_ns, found.st_size, found.st_ino)


class LivePreview:
    """Builds the preview site once, then rebuilds what each batch of saved files changes."""

    def __init__(self, hub_config: HubConfig, site_dir: str, dev_addr: str | None) -> None:
        self.hub_config = hub_config
        self.site_dir = site_dir
        self.options = {"dev_addr": dev_addr} if dev_addr else {}
        self.serve_url = ""
        self.built: Built | None = None
        self.stamps: dict[str, Stamp] = {}

    def load(self) -> MkDocsConfig:
        """``mkdocs.yml`` read afresh, for the temporary site folder and the served address."""
        config = load_mkdocs_config(
            config_file=str(self.hub_config.config_file), site_dir=self.site_dir, **self.options
        )
        if self.serve_url:
            config.site_url = self.serve_url
        return config

    def build_all(self, config: MkDocsConfig | None = None) -> None:
        """A whole MkDocs build, remembered for the single-page rebuilds after it."""
        log.info("Building documentation...")
        config = config or self.load()
        recorder = _Recorder()
        config.plugins["smarthub-serve"] = recorder
        stamps = dict(self._stamps(config))  # before building: a save during it is noticed
        self.built = None
        build(config, serve_url=self.serve_url)
        assert recorder.files is not None and recorder.nav is not None and recorder.env is not None
        self.built = Built(config, recorder.files, recorder.nav, recorder.env)
        self.stamps = stamps

    def _stamps(self, config: MkDocsConfig) -> Iterator[tuple[str, Stamp]]:
        hub = self.hub_config
        yield os.path.abspath(hub.config_file), stamp(os.path.abspath(hub.config_file))
        folders = [config.docs_dir] + [
            str(hub.root / name) for name in kinds.source_folders(hub) if name != hub.docs_dir
        ]
        for folder in folders:
            for directory, _, names in os.walk(os.path.abspath(folder)):
                for name in names:
                    path = os.path.join(directory, name)
                    yield path, stamp(path)

    def rebuild(self, changed: set[str]) -> None:
        """Bring the site up to date with the files in ``changed`` (absolute paths)."""
        if self.built is None:
            self.build_all()
            return
        saved = {path: stamp(path) for path in changed}
        saved = {path: now for path, now in saved.items() if now != self.stamps.get(path)}
        if not saved:
            return  # an event without a change (a file touched, or already built)
        started = time.perf_counter()
        try:
            files = self._docs_files(self.built, saved)
            pages = [file for file in files if file.page is not None]
            for file in files:
                if file.page is None:  # an image or a stylesheet: no page shows its bytes
                    assert file.abs_src_path is not None
                    write_replacing(file.abs_dest_path, Path(file.abs_src_path).read_bytes())
            count = self._rebuild_pages(self.built, pages) if pages else 0
        except FullBuild as why:
            log.info(f"smarthub: {why}: rebuilding everything")
            self.build_all()
            return
        except Exception as error:  # a whole build reports it as MkDocs does, if it is real
            log.warning(f"smarthub: the page rebuild failed ({error}): rebuilding everything")
            self.build_all()
            return
        self.stamps.update(saved)
        names = ", ".join(sorted(self._shown(path) for path in saved))
        copied = len(files) - len(pages)
        done = [f"rebuilt {counted(count, 'page')}"] if pages else []
        done += [f"copied {counted(copied, 'file')}"] if copied else []
        log.info(
            f"smarthub: {' and '.join(done)} for {names} in {time.perf_counter() - started:.2f} s"
        )

    def _docs_files(self, built: Built, saved: dict[str, Stamp]) -> list[File]:
        """The docs files saved, each already in the site; FullBuild for any other change.

        Pages are rendered again; other files of the docs folder (images, stylesheets) are
        copied, except templates MkDocs renders (``extra_templates``).
        """
        if len(saved) > MAX_PAGES_PER_REBUILD:
            raise FullBuild(f"{len(saved)} files changed")
        docs = os.path.abspath(built.config.docs_dir)
        found: list[File] = []
        for path, now in saved.items():
            if not path.startswith(docs + os.sep):
                raise FullBuild(f"{self._shown(path)} changed")
            if now is None:
                raise FullBuild(f"{self._shown(path)} was removed")
            src_uri = Path(os.path.relpath(path, docs)).as_posix()
            file = built.files.get_file_from_path(src_uri)
            if file is None or file.generated_by or not file.abs_src_path:
                raise FullBuild(f"{self._shown(path)} is new")
            page = file.is_documentation_page()
            if (page and file.page is None) or (
                not page and src_uri in built.config.extra_templates
            ):
                raise FullBuild(f"{self._shown(path)} changed")
            found.append(file)
        return found

    def _shown(self, path: str) -> str:
        try:
            return Path(path).relative_to(self.hub_config.root).as_posix()
        except ValueError:
            return path

    def _rebuild_pages(self, built: Built, saved: list[File]) -> int:
        """Check the saved pages again and render every page whose output they change."""
        plugin = built.plugin
        before = plugin.result
        old_index = plugin.renderer.index if plugin.renderer else None
        if before is None or before.context is None or old_index is None:
            raise FullBuild("no check to build on")
        rels = [self._hub_path(built, file) for file in saved]
        result = before
        for rel in rels:
            result = self._recheck(plugin, result, rel)
        shown = set(plugin.assets_by_page)
        index = plugin.adopt_result(result, again=True)
        if set(plugin.assets_by_page) != shown or index.hidden_pages != old_index.hidden_pages:
            raise FullBuild("a page was hidden or shown")
        listed_same = all(_listing(before.hub, rel) == _listing(result.hub, rel) for rel in rels)
        if listed_same:
            changed = self._changed_term_pages(plugin, before, result, rels)
        else:
            changed = self._changed_generated_pages(built, plugin, index)
        pages = [*saved, *changed]
        self._render(built, pages)
        built.config.plugins.on_post_build(config=built.config)
        return len(pages)

    def _hub_path(self, built: Built, file: File) -> str:
        assert file.abs_src_path is not None
        return Path(file.abs_src_path).relative_to(self.hub_config.root).as_posix()

    def _recheck(self, plugin: SmarthubPlugin, before: CheckResult, rel: str) -> CheckResult:
        """``before`` with the file ``rel`` read and checked again (its findings replaced)."""
        assert before.context is not None
        config = self.hub_config
        kind = kind_of(config, rel)
        # Pages of the docs folder that no other entry refers to can be re-checked alone.
        if (
            kind is None
            or kinds.get(kind).folder(config) != config.docs_dir
            or kinds.always_loaded(kinds.get(kind))
        ):
            raise FullBuild(f"{rel} is not a page of the docs folder")
        try:
            text = (config.root / rel).read_bytes().decode("utf-8")
        except (OSError, UnicodeDecodeError):
            raise FullBuild(f"{rel} cannot be read as UTF-8") from None
        today = plugin.today or before.context.today
        checked = check_in_hub(
            config, before.hub, before.context.matcher, rel, kind, text, today=today
        )
        findings = checked.findings
        try:
            committed = baselines.resolve(config)
        except ConfigError:
            raise FullBuild("the baseline file cannot be read") from None
        if committed is not None:
            alone = CheckResult(findings=findings, checked=[rel], hub=checked.hub)
            findings, _ = baselines.apply(
                alone, committed, reported={rel}, enabled=enabled_codes(config, (), ())
            )
        # The terminal shows the file's findings, as after a whole build.
        report_findings(CheckResult(findings=findings, checked=[rel], hub=checked.hub))
        old_source = next((s for s in before.hub.sources if s.rel == rel), None)
        context = before.context.after_edit(checked.hub, old_source)
        kept: list[Finding] = [f for f in before.findings if f.path != rel]
        return CheckResult(
            findings=sorted(kept + findings, key=lambda finding: finding.sort_key),
            checked=before.checked,
            hub=checked.hub,
            context=context,
            baselined=before.baselined,  # a whole-hub count; the preview shows none
        )

    def _changed_term_pages(
        self, plugin: SmarthubPlugin, before: CheckResult, after: CheckResult, rels: list[str]
    ) -> list[File]:
        """The pages of the terms the saved files started or stopped using ("used in" lists).

        Only for saves whose listed fields did not change: a title or a status would change
        every "used in" entry of the file, and those saves regenerate every page instead.
        """
        assert plugin.renderer is not None and self.built is not None
        changed: set[str] = set()
        for rel in rels:
            changed |= _terms_used(before, rel) ^ _terms_used(after, rel)
        terms = after.hub.terms
        markdown = {
            paths.term_page(term): plugin.renderer.term(terms[term])
            for term in sorted(changed)
            if term in terms
        }
        return self._with_markdown(self.built, markdown)

    def _changed_generated_pages(
        self, built: Built, plugin: SmarthubPlugin, index: HubIndex
    ) -> list[File]:
        """Every generated page whose Markdown changed, and the search answers' table."""
        config, files = built.config, built.files
        markdown = plugin.generated_markdown(
            index, config, with_home=paths.HOME in plugin.generated
        )
        if set(markdown) != plugin.generated:
            raise FullBuild("the generated pages changed")
        if not plugin.user_nav:
            docs_pages = [file.src_uri for file in files.documentation_pages()]
            if build_nav(index, docs_pages, markdown) != config.nav:
                raise FullBuild("the navigation changed")
        self._write_answers(built, index)
        return self._with_markdown(built, markdown)

    def _with_markdown(self, built: Built, markdown: dict[str, str]) -> list[File]:
        """The generated files whose Markdown differs from ``markdown``, given it."""
        changed: list[File] = []
        for page, text in markdown.items():
            file = built.files.get_file_from_path(page)
            if file is None or file.page is None:
                raise FullBuild(f"{page} is not in the site")
            if file.content_string != text:
                file.content_string = text
                changed.append(file)
        return changed

    def _write_answers(self, built: Built, index: HubIndex) -> None:
        from smarthub.site import answers

        file = built.files.get_file_from_path(paths.ANSWERS_DATA)
        if file is None:
            raise FullBuild("no search answers")

        def url_of(page: str) -> str | None:
            found = built.files.get_file_from_path(page)
            return found.url if found is not None else None

        table = answers.answers_script(index, url_of)
        if table != file.content_bytes:
            file.content_bytes = table
            write_replacing(file.abs_dest_path, table)

    def _render(self, built: Built, pages: list[File]) -> None:
        """Render ``pages`` again as the whole build did, and write them."""
        config, files, nav = built.config, built.files, built.nav
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
        forget_search_entries(config, {file.url for file in pages})
        for file in pages:
            page = file.page
            assert page is not None
            title = page.title
            populate(page, config, files)
            if page.title != title:
                raise FullBuild(f"the title of {file.src_uri} changed")
        for file in pages:
            assert file.page is not None
            write_replacing(
                file.abs_dest_path,
                render(file.page, config, doc_files, nav, built.env, file.inclusion),
            )


def _terms_used(result: CheckResult, rel: str) -> set[str]:
    """The ids of the terms the file ``rel`` uses (``accepted_uses``), as its check found them."""
    assert result.context is not None
    source = next((source for source in result.hub.sources if source.rel == rel), None)
    if source is None:
        return set()
    return {term_id for _, term_id in accepted_uses(result.hub, result.context, [source])}


def _listing(hub: Hub, rel: str) -> object:
    """What generated pages and the nav show of the file ``rel``: every field but its text."""
    for entry in [*hub.assets.values(), *hub.pages]:
        if entry.source.rel == rel:
            return type(entry).__name__, [
                getattr(entry, field.name)
                for field in dataclasses.fields(entry)
                if field.name != "source"
            ]
    return None
