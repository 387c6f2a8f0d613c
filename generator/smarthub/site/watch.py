"""The preview's file watcher: which saves matter, noticed as they happen, rebuilt once.

MkDocs' live-reload server polls every watched folder twice a second and rebuilds on any
event without saying which file changed. ``PreviewServer`` keeps its HTTP side (pages wait
while a rebuild runs, browsers reload after it) and changes the watching: the platform's
own notifications (inotify on Linux; polling when they cannot be had), the changed paths
handed to the builder, and events that cannot change the site left out, so an editor's
swap file, smarthub's cache or the site folder never start a rebuild.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import PurePath

import watchdog.events
import watchdog.observers
import watchdog.observers.polling
from mkdocs.livereload import LiveReloadServer

from smarthub.cache import CACHE_DIR

log = logging.getLogger("mkdocs.plugins.smarthub")

# Events that say a file's bytes or name changed; reading a file (opened, closed without
# writing) is not a change, and the build reads every file.
CHANGE_EVENTS = frozenset(
    {
        watchdog.events.EVENT_TYPE_CREATED,
        watchdog.events.EVENT_TYPE_DELETED,
        watchdog.events.EVENT_TYPE_MODIFIED,
        watchdog.events.EVENT_TYPE_MOVED,
        watchdog.events.EVENT_TYPE_CLOSED,
    }
)
POLLING_INTERVAL_S = 0.5  # MkDocs' own, when native notifications are not available


def is_noise(path: str, root: str, site_dir: str) -> bool:
    """Whether a change at ``path`` can never change the site.

    The site folder and smarthub's cache, hidden files and folders (MkDocs and the check
    leave them out), and the files editors keep beside the one being edited (``x.md~``,
    ``.x.md.swp``, Emacs' ``#x.md#``, Vim's ``4913`` probe).
    """
    if path == site_dir or path.startswith(site_dir + os.sep):
        return True
    inside = PurePath(path).relative_to(root).parts if path.startswith(root + os.sep) else ()
    parts = inside or (os.path.basename(path),)
    if any(part.startswith(".") or part == CACHE_DIR for part in parts):
        return True
    name = parts[-1]
    return (
        name.endswith(("~", ".swp", ".swx", ".swo"))
        or (name.startswith("#") and name.endswith("#"))
        or name == "4913"
    )


class PreviewServer(LiveReloadServer):
    """MkDocs' live-reload server, telling its builder which paths changed."""

    def __init__(
        self,
        rebuild: Callable[[set[str]], None],
        *,
        noise: Callable[[str], bool],
        host: str,
        port: int,
        root: str,
        mount_path: str = "/",
    ) -> None:
        super().__init__(
            builder=self._rebuild_changed, host=host, port=port, root=root, mount_path=mount_path
        )
        self.rebuild = rebuild
        self.noise = noise
        self.changed: set[str] = set()
        self.observer = watchdog.observers.Observer()

    def watch(self, path: str, func: None = None, *, recursive: bool = True) -> None:
        """Watch ``path`` (a file or a folder and everything under it)."""
        path = os.path.abspath(path)
        if func is not None:
            raise TypeError("Plugins can no longer pass a 'func' parameter to watch().")
        if path in self._watched_paths:
            self._watched_paths[path] += 1
            return
        self._watched_paths[path] = 1
        handler = watchdog.events.FileSystemEventHandler()
        handler.on_any_event = self._noticed  # type: ignore[method-assign]
        self._watch_refs[path] = self.observer.schedule(handler, path, recursive=recursive)

    def _noticed(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type not in CHANGE_EVENTS:
            return
        if event.is_directory and event.event_type == watchdog.events.EVENT_TYPE_MODIFIED:
            return  # a file inside changed: that file's own event says which
        found = {
            os.fsdecode(path)
            for path in (event.src_path, getattr(event, "dest_path", ""))
            if path and not self.noise(os.fsdecode(path))
        }
        if not found:
            return
        with self._rebuild_cond:
            self.changed |= found
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def _rebuild_changed(self) -> None:
        with self._rebuild_cond:
            changed, self.changed = self.changed, set()
        self.rebuild(changed)

    def serve(self, *, open_in_browser: bool = False) -> None:
        """Start watching and serving; polls when the platform's notifications fail."""
        self.server_bind()
        self.server_activate()
        if self._watched_paths:
            try:
                self.observer.start()
            except OSError as error:  # e.g. inotify's watch limit
                log.info(f"smarthub: file notifications unavailable ({error}): polling instead")
                self._poll_instead()
            shown = ", ".join(f"'{path}'" for path in self._watched_paths)
            log.info(f"Watching paths for changes: {shown}")
        log.info(f"Serving on {self.url}")
        self.serve_thread.start()
        if open_in_browser:
            import webbrowser

            webbrowser.open(self.url)
        self._build_loop()

    def _poll_instead(self) -> None:
        self.observer = watchdog.observers.polling.PollingObserver(timeout=POLLING_INTERVAL_S)
        for path in list(self._watch_refs):
            handler = watchdog.events.FileSystemEventHandler()
            handler.on_any_event = self._noticed  # type: ignore[method-assign]
            self._watch_refs[path] = self.observer.schedule(handler, path, recursive=True)
        self.observer.start()
