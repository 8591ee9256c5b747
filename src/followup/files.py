"""Writing a file so that it is either the old one or the new one, never half of each."""

from __future__ import annotations

import contextlib
import os
import tempfile


def write_atomically(path: str, data: bytes, *, private: bool = False, create_folder: bool = False) -> None:
    """Replace `path` in one step; the data is on disk before the name points at it.

    `private` leaves the file readable by its owner only (for exports of personal
    data); otherwise it gets the usual permissions. Raises OSError as `open` would.
    """
    folder = os.path.dirname(os.path.abspath(path))
    if create_folder:
        os.makedirs(folder, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        if not private:
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
