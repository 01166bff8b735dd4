"""A disk cache for what is slow to build and the same on every start: the actor
knowledge base and the gazetteer indexes of each language.

Entries are pickles in a user cache folder (``platformdirs.user_cache_dir``, or
``DIPLO_EXTRACT_CACHE_DIR``), one file per entry name, named by a key: the package
version, Python's version, a hash of the ``models/`` folder in use, of the package's
own code and of the entry's other inputs (user actor files, library versions). A
change in any of them is a new key and a rebuild; the file of the old key is removed,
so the folder holds at most one file per entry name (bounded).

A cache that cannot be used never stops extraction: an unreadable or corrupt file
(E130) or a folder that cannot be written (E131) is logged as a warning and the
value is built in memory. Writes are atomic (a temporary file renamed over).
"""
from __future__ import annotations

import hashlib
import logging
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from .errors import Errors, InputError

log = logging.getLogger(__name__)

T = TypeVar("T")
ENV_DIR = "DIPLO_EXTRACT_CACHE_DIR"
ENV_OFF = "DIPLO_EXTRACT_NO_CACHE"  # any non-empty value: build everything in memory
PACKAGE = Path(__file__).resolve().parent
SUFFIX = ".pickle"
# what reading a broken or foreign pickle raises
BROKEN = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, IndexError, KeyError, TypeError, ValueError)


def default_cache_dir() -> Path | None:
    """``$DIPLO_EXTRACT_CACHE_DIR``, else the user cache folder of the platform,
    with the package version inside (``~/.cache/diplo_extract/0.1.0`` on Linux);
    None (no disk cache, E132 logged) when platformdirs is not installed."""
    override = os.environ.get(ENV_DIR)
    if override:
        return Path(override)
    from . import __version__

    try:
        import platformdirs
    except ImportError as exc:
        log.warning(Errors.E132.format(detail=exc))
        return None
    return Path(platformdirs.user_cache_dir("diplo_extract")) / __version__


def tree_digest(paths: Iterable[Path], base: Path) -> str:
    """A hash of files' paths (relative to ``base``) and contents, in sorted order.

    >>> tree_digest([], Path(".")) == tree_digest([], Path("/"))
    True
    """
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(base)).encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def folder_digest(folder: Path, pattern: str = "*") -> str:
    """A hash of every file under ``folder`` that matches ``pattern`` (recursively)."""
    return tree_digest((p for p in folder.rglob(pattern) if p.is_file()), folder)


def files_digest(paths: Iterable[str | Path]) -> str:
    """A hash of the contents of the given files, in the order given (a missing file
    hashes as its name only: the build that follows reports it)."""
    digest = hashlib.sha256()
    for path in paths:
        digest.update(str(path).encode("utf-8") + b"\0")
        try:
            digest.update(Path(path).read_bytes())
        except OSError:
            digest.update(b"\1missing")
    return digest.hexdigest()


class DiskCache:
    """Pickled values by name and key in one folder; ``folder=None`` builds in memory.

    >>> cache = DiskCache(None)
    >>> cache.get("numbers", ("v1",), lambda: [1, 2])
    [1, 2]
    """

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self._code = None if folder is None else code_digest()
        self._writable = True

    @classmethod
    def default(cls) -> "DiskCache":
        """The user's cache, or none when ``DIPLO_EXTRACT_NO_CACHE`` is set."""
        return cls(None if os.environ.get(ENV_OFF) else default_cache_dir())

    def key(self, parts: Iterable[str]) -> str:
        """The file key of an entry: its parts, the code's hash and Python's version."""
        digest = hashlib.sha256()
        for part in (*parts, self._code or "", sys.version):
            digest.update(part.encode("utf-8") + b"\0")
        return digest.hexdigest()[:24]

    def get(self, name: str, parts: Iterable[str], build: Callable[[], T]) -> T:
        """The value of ``name`` for ``parts``: read from the cache, or built (and then
        written, replacing any file of an older key)."""
        if self.folder is None:
            return build()
        path = self.folder / f"{name}-{self.key(parts)}{SUFFIX}"
        found = self._read(path)
        if found is not None:
            return found
        value = build()
        if self._writable:
            self._write(path, name, value)
        return value

    def _read(self, path: Path) -> object | None:
        try:
            with open(path, "rb") as handle:
                return pickle.load(handle)  # noqa: S301 - our own file, in the user's own cache folder
        except (FileNotFoundError, NotADirectoryError):  # a miss; a folder that is no folder is E131 at the write
            return None
        except BROKEN as exc:  # a truncated or garbled file, or one of classes that changed: a miss
            log.warning(Errors.E130.format(path=path, detail=f"{type(exc).__name__}: {exc}"))
            return None

    def _write(self, path: Path, name: str, value: object) -> None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=path.parent)
            try:
                with os.fdopen(fd, "wb") as handle:
                    pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
                os.replace(tmp, path)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
            self._drop_older(path, name)
        except OSError as exc:
            self._writable = False  # one warning per cache, not one per entry
            log.warning(Errors.E131.format(folder=path.parent, detail=exc.strerror or exc))

    @staticmethod
    def _drop_older(path: Path, name: str) -> None:
        """Remove the files of other keys of ``name``: one file per entry name."""
        for old in path.parent.glob(f"{name}-*{SUFFIX}"):
            if old != path and len(old.name) == len(path.name):
                old.unlink(missing_ok=True)


def models_key(root: str | Path | None, actor_files: Iterable[str | Path] = ()) -> tuple[str, ...]:
    """The key parts of everything built from a models folder and user actor files:
    the package version, a hash of the folder and a hash of the files."""
    from . import __version__
    from .resources import models_dir

    return __version__, folder_digest(models_dir(root)), files_digest(actor_files)


def cache_for(setting: bool | str | Path) -> DiskCache:
    """The cache an :class:`~diplo_extract.pipeline.Extractor` setting names: True, the
    user's (or none with ``DIPLO_EXTRACT_NO_CACHE``); False, none; a path, that folder."""
    if setting is True:
        return DiskCache.default()
    if setting is False:
        return DiskCache(None)
    if isinstance(setting, (str, Path)):
        return DiskCache(Path(setting))
    raise InputError(Errors.E133.format(value=setting))


def code_digest() -> str:
    """A hash of the package's own Python files: a changed class is a new key, so a
    pickle of an older definition is never loaded."""
    return folder_digest(PACKAGE, "*.py")
