"""Output paths, checked before the work starts.

A command that writes a file (``--graphml``, ``--csv``, ``--plot``, ``--out``, ``--library``, ``--checkpoint``) checks
the path first, so that an hour-long run never ends in "cannot write": the path must not be a directory, its folder
must exist and be writable. [`output_file()`][weightspace.paths.output_file] returns the path that will actually be
written (numpy adds ``.npz`` to a name without it, so the message names that file).
"""

from __future__ import annotations

import os
from pathlib import Path

from .errors import InvalidInput


def _given(path: str | os.PathLike, option: str, what: str) -> Path:
    text = os.fspath(path)
    if not text.strip():
        raise InvalidInput(f"{option}: give {what}")
    return Path(text)


def output_file(path: str | os.PathLike, option: str, suffix: str | None = None) -> Path:
    """The file ``path`` (with ``suffix`` appended when it lacks it), checked to be writable: not a directory, in an
    existing writable folder, and writable itself when it exists already.

    Parameters
    ----------
    path
        The file asked for.
    option
        The option's name, for messages.
    suffix
        A suffix to append when ``path`` lacks it.

    Returns
    -------
    Path
        The checked path.

    Raises
    ------
    InvalidInput
        Naming ``option`` and what is wrong with the path.

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> output_file(os.path.join(folder, "net"), "--out", ".npz").name
    'net.npz'
    >>> output_file(folder, "--graphml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    weightspace.errors.InvalidInput: --graphml: ... is a directory, not a file
    """
    target = _given(path, option, "a file name")
    if suffix and target.suffix != suffix:
        target = target.with_name(target.name + suffix)
    if target.is_dir():
        raise InvalidInput(f"{option}: {target} is a directory, not a file")
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.exists():
        raise InvalidInput(f"{option}: the folder {folder} does not exist")
    if not folder.is_dir():
        raise InvalidInput(f"{option}: {folder} is not a folder")
    if not os.access(folder, os.W_OK | os.X_OK) or (target.exists() and not os.access(target, os.W_OK)):
        raise InvalidInput(f"{option}: {target} is not writable")
    return target


def output_plot(path: str | os.PathLike, option: str = "--plot") -> Path:
    """The picture file matplotlib will write for ``path``: ``path`` itself when it has an extension (which names
    the format), else ``path.png``; checked as [`output_file()`][weightspace.paths.output_file].

    Parameters
    ----------
    path
        The file asked for.
    option
        The option's name, for messages.

    Returns
    -------
    Path
        The checked path, with an extension.

    Examples
    --------
    >>> import tempfile
    >>> output_plot(os.path.join(tempfile.mkdtemp(), "curve")).name
    'curve.png'
    """
    return output_file(path, option, None if Path(os.fspath(path)).suffix else ".png")


def output_directory(path: str | os.PathLike, option: str) -> Path:
    """The directory ``path``, checked to be usable for output: an existing writable directory, or a path whose
    nearest existing ancestor is a writable directory (it is created later, when the work writes to it).

    Parameters
    ----------
    path
        The directory asked for.
    option
        The option's name, for messages.

    Returns
    -------
    Path
        The checked path.

    Raises
    ------
    InvalidInput
        Naming ``option`` and what is wrong with the path.

    Examples
    --------
    >>> import tempfile
    >>> output_directory(os.path.join(tempfile.mkdtemp(), "new", "atlas"), "--out").name
    'atlas'
    """
    target = _given(path, option, "a directory")
    if target.exists() and not target.is_dir():
        raise InvalidInput(f"{option}: {target} is a file, not a directory")
    ancestor = target
    while not ancestor.exists():
        ancestor = ancestor.parent if ancestor.parent != ancestor else Path(".")
        if ancestor == Path("."):
            break
    if not ancestor.is_dir():
        raise InvalidInput(f"{option}: {ancestor} is a file, so {target} cannot be created")
    if not os.access(ancestor, os.W_OK | os.X_OK):
        raise InvalidInput(f"{option}: {ancestor} is not writable")
    return target


def checkpoint_file(path: str | os.PathLike, filename: str, option: str = "--checkpoint") -> Path:
    """The one ``--checkpoint`` convention: a directory, in which the command keeps its own file ``filename``
    (``count``, ``estimate`` and ``learn capacity`` keep theirs there too); a path naming a file (an existing file,
    or a new name ending in ``.json`` or ``.jsonl``) is used as that file. Checked before the work starts; a missing
    directory is created.

    Parameters
    ----------
    path
        The value of ``--checkpoint``.
    filename
        The command's file inside a directory (``ac-solve.json``, ``experiment-NAME.jsonl``, ...).
    option
        The option named in messages.

    Returns
    -------
    Path
        The checkpoint file.

    Raises
    ------
    InvalidInput
        When the path cannot be written (see [`output_file()`][weightspace.paths.output_file]).

    Examples
    --------
    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> checkpoint_file(folder, "ac-solve.json").name, checkpoint_file(os.path.join(folder, "run.jsonl"), "x").name
    ('ac-solve.json', 'run.jsonl')
    """
    target = _given(path, option, "a directory or a file")
    if target.is_file() or (not target.exists() and target.suffix in (".json", ".jsonl")):
        return output_file(target, option)
    directory = output_directory(target, option)
    directory.mkdir(parents=True, exist_ok=True)
    return output_file(directory / filename, option)


__all__ = ["output_file", "output_plot", "output_directory", "checkpoint_file"]
