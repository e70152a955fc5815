"""Lexicons of framing phrases: the built-in TOML file, a user's TOML file, or a plain ``.txt`` list."""

from __future__ import annotations

import codecs
import os
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..errors import InputError, ParameterTypeError
from ..text.vietnamese import fold, syllables
from ..tomldata import entries, read_toml, text, texts

__all__ = ["Phrase", "Formula", "Lexicon", "load_lexicon", "DEFAULT_LEXICON"]

DEFAULT_LEXICON = config.DATA / "lexicon.toml"


@dataclass(frozen=True)
class Phrase:
    """A phrase as written, its English gloss, its group and other wordings counted with it."""

    phrase: str
    gloss: str = ""
    group: str = ""
    variants: tuple[str, ...] = ()

    @property
    def forms(self) -> tuple[str, ...]:
        """The phrase and its variants, the phrase first."""
        return (self.phrase, *self.variants)


@dataclass(frozen=True)
class Formula:
    """A multi-part formula: its parts in canonical order (each also a :class:`Phrase`)."""

    name: str
    parts: tuple[str, ...]
    note: str = ""


@dataclass(frozen=True)
class Lexicon:
    phrases: tuple[Phrase, ...]
    formulas: tuple[Formula, ...] = ()
    source: str = field(default="", compare=False)

    def __iter__(self):
        return iter(self.phrases)

    def __len__(self) -> int:
        return len(self.phrases)

    def gloss(self, phrase: str) -> str:
        return next((p.gloss for p in self.phrases if p.phrase == phrase), "")

    def group_of(self, phrase: str) -> str:
        return next((p.group for p in self.phrases if p.phrase == phrase), "")


def _check(phrases: list[Phrase], where: str) -> tuple[Phrase, ...]:
    seen: dict[str, str] = {}
    for p in phrases:
        for form in p.forms:
            if not syllables(form):
                raise InputError(where, f"phrase {form!r} has no syllable to match")
            key = fold(form)
            if key in seen:
                raise InputError(where, f"phrase {form!r} is listed twice (as {seen[key]!r})")
            seen[key] = form
    if not phrases:
        raise InputError(where, "no phrases")
    return tuple(phrases)


def _from_toml(path: Path) -> Lexicon:
    where = str(path)
    data = read_toml(path, "lexicon")
    phrases = [
        Phrase(
            text(e, "phrase", where, at),
            text(e, "gloss", where, at, ""),
            text(e, "group", where, at, ""),
            texts(e, "variants", where, at),
        )
        for at, e in entries(data, "phrase", where)
    ]
    formulas = tuple(
        Formula(text(e, "name", where, at), texts(e, "parts", where, at, required=True), text(e, "note", where, at, ""))
        for at, e in entries(data, "formula", where)
    )
    listed = {fold(p.phrase) for p in phrases}
    for formula in formulas:
        missing = [part for part in formula.parts if fold(part) not in listed]
        if missing:
            raise InputError(where, f"formula {formula.name!r}: part {missing[0]!r} is not a [[phrase]]")
    return Lexicon(_check(phrases, where), formulas, where)


def _from_txt(path: Path) -> Lexicon:
    try:
        data = path.read_bytes()
    except OSError as e:
        raise InputError(str(path), e.strerror or f"cannot be read ({e})") from None
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        lines = data[start:].decode("utf-8").splitlines()
    except UnicodeDecodeError as e:
        offset = start + e.start
        raise InputError(str(path), f"cannot decode byte 0x{data[offset]:02x} at offset {offset} as UTF-8") from None
    phrases = [Phrase(line.strip()) for line in lines if line.strip() and not line.lstrip().startswith("#")]
    return Lexicon(_check(phrases, str(path)), (), str(path))


def load_lexicon(path: str | Path | None = None) -> Lexicon:
    """The built-in lexicon, or the one at ``path``.

    Parameters
    ----------
    path : path, optional
        A ``.toml`` lexicon (phrases, groups, glosses, formulas) or a ``.txt`` one (one phrase
        per line, no formula); default: the built-in lexicon of diplomatic formulas.

    Returns
    -------
    Lexicon

    Examples
    --------
    >>> lex = load_lexicon()
    >>> lex.formulas[0].parts[-1], lex.gloss("gắn kết chiến lược")
    ('gắn kết chiến lược', 'strategic cohesion')
    """
    path = Path(path) if path is not None else DEFAULT_LEXICON
    if not path.is_file():
        raise InputError(str(path), "no such lexicon file")
    return _from_toml(path) if path.suffix.lower() == ".toml" else _from_txt(path)


def lexicon_of(lexicon: Lexicon | str | Path | None) -> Lexicon:
    """``lexicon`` itself, or the one :func:`load_lexicon` reads from that path (None: the built-in one)."""
    if isinstance(lexicon, Lexicon):
        return lexicon
    if lexicon is None or isinstance(lexicon, str | os.PathLike):
        return load_lexicon(lexicon)
    raise ParameterTypeError("lexicon", f"expected a Lexicon, a path or None, not {type(lexicon).__name__}")
