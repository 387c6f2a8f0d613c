"""Running MkDocs from the ``smarthub`` command: ``build`` and ``serve`` through its Python API.

Imported only by those commands, so ``smarthub check`` never loads MkDocs.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.commands.build import build
from mkdocs.config import load_config as load_mkdocs_config
from mkdocs.exceptions import Abort, ConfigurationError
from mkdocs.livereload import _serve_url

from smarthub.config import ConfigError, HubConfig
from smarthub.engine import CheckResult
from smarthub.site.plugin import SmarthubPlugin
from smarthub.site.search import pagefind_binary, pagefind_missing


@contextmanager
def mkdocs_logging() -> Iterator[None]:
    """Show MkDocs' messages on stderr as ``mkdocs build`` does, for the command's duration."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's notice about MkDocs 2, not ours
    logger = logging.getLogger("mkdocs")
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    previous = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(previous)


def require_search_engine(config: HubConfig) -> None:
    """Stop with a one-line error (exit 2) when the hub's search engine is not installed."""
    if config.search == "pagefind" and pagefind_binary() is None:
        raise ConfigError([pagefind_missing(config.config_file.name)])


def build_site(
    config: HubConfig,
    result: CheckResult,
    *,
    site_dir: Path | None = None,
    strict: bool = False,
    drafts: bool = False,
    today: dt.date | None = None,
) -> bool:
    """Build the site with MkDocs, reusing the check already run; False when MkDocs aborted."""
    require_search_engine(config)
    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    with mkdocs_logging():
        try:
            mkdocs_config = load_mkdocs_config(str(config.config_file), strict=strict, **overrides)
        except ConfigurationError as error:
            raise ConfigError(
                [f"{config.config_file.name}: {line}" for line in str(error).splitlines() if line]
            ) from None
        plugin = mkdocs_config.plugins.get("smarthub")
        if not isinstance(plugin, SmarthubPlugin):
            raise ConfigError(
                [f"{config.config_file.name}: the smarthub plugin is not installed in this Python"]
            )
        plugin.check_result = result
        plugin.today = today
        if drafts:
            plugin.drafts = True
        mkdocs_config.plugins.on_startup(command="build", dirty=False)
        try:
            build(mkdocs_config)
        except Abort as error:
            logging.getLogger("mkdocs").error(str(error))
            return False
        finally:
            mkdocs_config.plugins.on_shutdown()
    return True


def serve_site(
    config: HubConfig, *, dev_addr: str | None = None, open_in_browser: bool = False
) -> None:
    """Serve the site with live reload on edits to the docs, glossary, personas and playbooks.

    MkDocs' ``serve``, with a saved page rebuilding only the pages that show it
    (``smarthub.site.live``) and a watcher that ignores what cannot change the site.
    """
    from smarthub.site.live import LivePreview
    from smarthub.site.watch import PreviewServer, is_noise

    require_search_engine(config)
    with mkdocs_logging():
        site_dir = tempfile.mkdtemp(prefix="mkdocs_")
        try:
            preview = LivePreview(config, site_dir, dev_addr)
            mkdocs_config = preview.load()
            mkdocs_config.plugins.on_startup(command="serve", dirty=False)
            host, port = mkdocs_config.dev_addr
            mount_path = urlsplit(mkdocs_config.site_url or "/").path
            mkdocs_config.site_url = preview.serve_url = _serve_url(host, port, mount_path)
            root = str(config.root)
            server = PreviewServer(
                preview.rebuild,
                noise=lambda path: is_noise(path, root, site_dir),
                host=host,
                port=port,
                root=site_dir,
                mount_path=mount_path,
            )
            server.error_handler = partial(_error_page, site_dir)
            try:
                preview.build_all(mkdocs_config)
                server.watch(mkdocs_config.docs_dir)
                if mkdocs_config.config_file_path:
                    server.watch(mkdocs_config.config_file_path)
                server = mkdocs_config.plugins.on_serve(
                    server, config=mkdocs_config, builder=preview.build_all
                )
                for item in mkdocs_config.watch:
                    server.watch(item)
                try:
                    with _terminate_as_interrupt():
                        server.serve(open_in_browser=open_in_browser)
                except KeyboardInterrupt:
                    logging.getLogger("mkdocs").info("Shutting down...")
                finally:
                    server.shutdown()
            finally:
                mkdocs_config.plugins.on_shutdown()
        except ConfigurationError as error:
            raise ConfigError(
                [f"{config.config_file.name}: {line}" for line in str(error).splitlines() if line]
            ) from None
        except Abort as error:
            raise ConfigError([str(error)]) from None
        finally:
            shutil.rmtree(site_dir, ignore_errors=True)


@contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """Stop on SIGTERM as on Ctrl-C, so the temporary site folder is removed either way."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGTERM, interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _error_page(site_dir: str, code: int) -> bytes | None:
    """The site's own 404 (or 500) page, as MkDocs' ``serve`` answers with it."""
    page = Path(site_dir) / f"{code}.html"
    if code in (404, 500) and page.is_file():
        return page.read_bytes()
    return None
