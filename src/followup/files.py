"""Files of personal data: written whole or not at all, and readable by their owner only.

Everything followup keeps (the database, its backups, settings, keys, exports)
is about one person's job search, so files are created 0600 and the folders
followup creates 0700 whatever the umask says: on a shared computer the usual
umask 022 would let every other account read them. A folder that already
exists is left as it is (it may be the user's Documents); the files in it are
private all the same.
"""

from __future__ import annotations

import contextlib
import os

PRIVATE_FILE = 0o600
PRIVATE_FOLDER = 0o700


def make_private_folder(folder: str) -> None:
    """Create `folder` (and missing parents) if it is not there; the folder itself gets mode 0700."""
    if os.path.isdir(folder):
        return
    os.makedirs(folder, mode=PRIVATE_FOLDER, exist_ok=True)
    # makedirs' mode passes through the umask, which could take the owner's own rights away.
    os.chmod(folder, PRIVATE_FOLDER)


def make_private_file(path: str | os.PathLike[str]) -> None:
    """Create `path` empty if it is missing, and make it readable and writable by its owner only.

    Done before another program (SQLite) opens the file, so that it never exists
    with wider permissions: a reader who opened it then would keep reading it.
    A file that belongs to another account is left as it is.
    """
    handle = os.open(path, os.O_WRONLY | os.O_CREAT, PRIVATE_FILE)
    try:
        os.fchmod(handle, PRIVATE_FILE)
    except PermissionError:
        pass
    finally:
        os.close(handle)


def write_atomically(path: str, data: bytes, *, private: bool = True, create_folder: bool = False) -> None:
    """Replace `path` in one step; the data is on disk before the name points at it.

    The file is readable by its owner only (mkstemp's mode, whatever the umask),
    unless `private` is False, which gives it the usual permissions, for a file
    meant to be shared. `create_folder` creates a missing folder 0700.
    Raises OSError as `open` would.
    """
    folder = os.path.dirname(os.path.abspath(path))
    if create_folder:
        make_private_folder(folder)
    import tempfile  # only when writing: every command reads its settings, few write them

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
