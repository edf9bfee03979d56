"""Corpora that users bring: Tatoeba/Anki exports, two-column TSV files, and zips of either.

Everything here treats the uploaded bytes as hostile. Sizes and line counts are checked before
the content is decoded, zip members are checked from the central directory before anything is
decompressed and then read with a bounded read, and every way a file can be wrong ends in a
CorpusFileError whose message a student can act on. Member names inside a zip are never used as
paths: a member is only ever read into memory.

    python -m core.corpus_files FILE      # prints the summary and the first five pairs
"""
from __future__ import annotations

import argparse
import io
import re
import sys
import time
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from core.cli import OneLineParser
from core.files import atomic_write_text
from core.language.pairs import BUILT_IN_CORPORA, SentencePair
from core.language.text import normalise, tokenize_english, tokenize_hindi
from core.owners import InvalidNameError, corpora_folder, validate_name, writable_corpora_folder

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_LINES = 200_000
MAX_ZIP_MEMBERS = 8          # entries of any kind, folders and __MACOSX junk included
# A sentence is counted in words (max_tokens), so one 1 MB "word" passed a 50-word limit. Measured
# by splitting on whitespace: the longest word is 15 characters in 5,000 generated pairs (seed 0)
# and 18 in the Tatoeba Hindi–English file, whose longest sentence is 121 characters.
MAX_WORD_CHARACTERS = 60
MAX_SENTENCE_CHARACTERS = 1_000
MAX_LISTED_LINES = 5         # how many malformed line numbers a message names before "and N more"

EXPECTED_FORMATS = (
    "Dhyan reads two formats: a Tatoeba/Anki export with one "
    "'English<TAB>Hindi<TAB>attribution' per line, or a two-column file with "
    "'Hindi<TAB>English' per line (a header line is fine, and the columns may be in either order). "
    "A .zip holding one such .tsv or .txt file works too."
)

_DEVANAGARI = re.compile("[\u0900-\u097f\ua8e0-\ua8ff]")
_LATIN_LETTER = re.compile("[A-Za-z\u00c0-\u024f]")
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_CENTRAL_DIRECTORY_ENTRY = b"PK\x01\x02"
_READABLE_COMPRESSION = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED, zipfile.ZIP_BZIP2, zipfile.ZIP_LZMA)
_HEADER_WORDS = {unicodedata.normalize("NFC", word) for word in (
    "hindi", "english", "hi", "en", "hin", "eng", "source", "target", "src", "tgt", "translation",
    "sentence", "text", "attribution", "हिंदी", "हिन्दी", "अंग्रेज़ी", "अंग्रेजी", "इंग्लिश",
)}


class CorpusFileError(ValueError):
    """An uploaded corpus that cannot be used. The message is shown to users as it is."""


@dataclass
class LoadedCorpus:
    pairs: list[SentencePair]
    format: str                                   # "tatoeba" or "two-column"
    malformed_lines: list[tuple[int, str]]        # (1-based line number, reason)
    duplicates_dropped: int
    too_long_dropped: int
    filename: str = ""
    zip_member: str | None = None                 # the member read, when the upload was a zip
    header_line: str | None = None                # the first line, when it was read as a header
    max_tokens: int = 50

    @property
    def description(self) -> str:
        """'tatoeba (zip: member.tsv)' or 'two-column'."""
        return f"{self.format} (zip: {self.zip_member})" if self.zip_member else self.format

    def summary(self) -> str:
        where = f"'{self.zip_member}' in '{self.filename}'" if self.zip_member else f"'{self.filename}'"
        kind = ("a Tatoeba/Anki export (English, Hindi, attribution)" if self.format == "tatoeba"
                else "a two-column Hindi–English file")
        parts = [f"Read {_plural(len(self.pairs), 'sentence pair')} from {where}, {kind}."]
        if self.header_line is not None:
            shown = " | ".join(self.header_line.split("\t"))
            parts.append(f"The first line was taken as a header and skipped ({shown}).")
        if self.malformed_lines:
            parts.append(f"Skipped {_plural(len(self.malformed_lines), 'malformed line')}: "
                         f"{_describe_lines(self.malformed_lines)}.")
        if self.duplicates_dropped:
            parts.append(f"Dropped {_plural(self.duplicates_dropped, 'duplicate pair')}.")
        if self.too_long_dropped:
            parts.append(f"Dropped {_plural(self.too_long_dropped, 'pair')} longer than "
                         f"{self.max_tokens} tokens on either side.")
        return " ".join(parts)


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _describe_lines(lines: list[tuple[int, str]]) -> str:
    shown = "; ".join(f"line {number} ({reason})" for number, reason in lines[:MAX_LISTED_LINES])
    rest = len(lines) - MAX_LISTED_LINES
    return shown + (f"; and {rest} more" if rest > 0 else "")


# ---------------------------------------------------------------------------------- loading


def load_corpus_file(path, max_tokens: int = 50) -> LoadedCorpus:
    """Load a corpus from disk; the size cap is checked before the file is read."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise CorpusFileError(f"'{path}' is not a file. Give the path of a .tsv, .txt or .zip file.")
        if size > MAX_FILE_BYTES:
            raise CorpusFileError(_too_big_message(size))
        with path.open("rb") as stream:
            data = stream.read(MAX_FILE_BYTES + 1)   # bounded: the file may grow after stat()
    except CorpusFileError:
        raise
    except FileNotFoundError:
        raise CorpusFileError(f"There is no file at '{path}'. Check the path and try again.") from None
    except (OSError, ValueError) as error:   # ValueError: a path with a NUL character
        raise CorpusFileError(f"Could not read '{path}' ({getattr(error, 'strerror', None) or error}).") from None
    return load_corpus_bytes(data, path.name, max_tokens=max_tokens)


def load_corpus_bytes(data: bytes, filename: str, max_tokens: int = 50) -> LoadedCorpus:
    """Parse an uploaded corpus. Raises CorpusFileError, with a message for the user, on any
    input it cannot use; never another exception for any bytes."""
    if max_tokens < 1:
        raise ValueError("max_tokens must be at least 1")
    data = bytes(data)
    filename = str(filename)
    if len(data) > MAX_FILE_BYTES:
        raise CorpusFileError(_too_big_message(len(data)))
    if data.startswith(_ZIP_MAGIC):
        member, content = _read_zip_member(data)
        corpus = _parse_text(content, max_tokens, where=f"'{member}' inside the zip")
        corpus.zip_member = member
    else:
        corpus = _parse_text(data, max_tokens, where="This file")
    corpus.filename = filename
    return corpus


def _too_big_message(size: int) -> str:
    return (f"This file is too big ({size / 1024 / 1024:.1f} MB; the limit is "
            f"{MAX_FILE_BYTES // (1024 * 1024)} MB). Upload a smaller part of the corpus.")


def _read_zip_member(data: bytes) -> tuple[str, bytes]:
    """The one .tsv/.txt member of a zip, checked from its header before it is decompressed."""
    # Each central-directory entry starts with this signature; counting them bounds the work
    # before zipfile builds an object per entry.
    if data.count(_CENTRAL_DIRECTORY_ENTRY) > MAX_ZIP_MEMBERS:
        raise CorpusFileError(_too_many_members_message())
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            member = _choose_member(archive.infolist())
            with archive.open(member) as stream:
                content = stream.read(MAX_FILE_BYTES + 1)   # bounded, whatever the header said
    except CorpusFileError:
        raise
    except Exception:   # zipfile raises a zoo of types on damaged archives (BadZipFile, EOFError, zlib.error, ...)
        raise CorpusFileError(
            "This zip file is damaged or not a real zip archive, so it cannot be opened. "
            "Zip the .tsv file again (or upload the .tsv file itself).") from None
    if len(content) > MAX_FILE_BYTES:
        raise CorpusFileError(f"The file '{member.filename}' inside the zip is bigger than the "
                              f"{MAX_FILE_BYTES // (1024 * 1024)} MB limit. Upload a smaller part of the corpus.")
    if content.startswith(_ZIP_MAGIC):
        raise CorpusFileError(_nested_zip_message())
    return member.filename, content


def _too_many_members_message() -> str:
    return (f"This zip holds too many files (more than {MAX_ZIP_MEMBERS}). Put just the one "
            ".tsv or .txt corpus file in the zip and upload it again.")


def _nested_zip_message() -> str:
    return "This zip holds another zip inside it. Unpack it and zip (or upload) just the .tsv file."


def _choose_member(members: list[zipfile.ZipInfo]) -> zipfile.ZipInfo:
    if len(members) > MAX_ZIP_MEMBERS:
        raise CorpusFileError(_too_many_members_message())
    if not members:
        raise CorpusFileError("This zip is empty. Put a .tsv or .txt corpus file in it and upload it again.")
    for info in members:
        if _unsafe_member_name(info.filename):
            raise CorpusFileError(
                f"This zip holds a file with an unsafe name ({info.filename!r}: an absolute path or "
                "'..'). Dhyan does not open such archives. Zip just the .tsv file and upload it again.")
    names = [info.filename for info in members]
    if any(name == "[Content_Types].xml" for name in names):
        raise CorpusFileError(
            "This looks like an Excel or Word document, not a text file. In your spreadsheet, "
            "choose 'Save as' → 'Tab-separated text' (UTF-8) and upload that file.")
    if any(name.lower().endswith(".zip") for name in names):
        raise CorpusFileError(_nested_zip_message())
    candidates = [info for info in members
                  if not info.is_dir() and not _is_os_junk(info.filename)
                  and info.filename.lower().endswith((".tsv", ".txt"))]
    if not candidates:
        listed = ", ".join(repr(name) for name in names[:MAX_ZIP_MEMBERS])
        raise CorpusFileError(f"This zip holds no .tsv or .txt file (it holds {listed}). "
                              "Put the corpus, saved as a .tsv or .txt file, in the zip.")
    if len(candidates) > 1:
        listed = ", ".join(repr(info.filename) for info in candidates)
        raise CorpusFileError(f"This zip holds several text files ({listed}). Dhyan reads one "
                              "corpus at a time: zip (or upload) just one of them.")
    member = candidates[0]
    if member.flag_bits & 0x1:
        raise CorpusFileError(f"The file '{member.filename}' in this zip is password-protected. "
                              "Zip it again without a password.")
    if member.compress_type not in _READABLE_COMPRESSION:
        raise CorpusFileError("This zip uses a compression method Dhyan cannot read. Zip the file "
                              "again with an ordinary zip tool (deflate), or upload the .tsv itself.")
    if member.file_size > MAX_FILE_BYTES:
        raise CorpusFileError(
            f"The file '{member.filename}' inside the zip would unpack to "
            f"{member.file_size / 1024 / 1024:.1f} MB, over the {MAX_FILE_BYTES // (1024 * 1024)} MB "
            "limit. Upload a smaller part of the corpus.")
    return member


def _unsafe_member_name(name: str) -> bool:
    parts = re.split(r"[\\/]", name)
    return (name.startswith(("/", "\\")) or ".." in parts or re.match(r"[A-Za-z]:", name) is not None
            or "\x00" in name)


def _is_os_junk(name: str) -> bool:
    base = re.split(r"[\\/]", name)[-1]
    return name.startswith("__MACOSX/") or base.startswith("._") or base == ".DS_Store"


def _decode(data: bytes, where: str) -> list[str]:
    """Bytes -> lines, with the checks that need no decoding first."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorpusFileError(
            f"{where} is saved as UTF-16, not UTF-8. Open it in a text editor, save it with the "
            "encoding 'UTF-8', and upload it again.")
    if data.startswith(b"\x1f\x8b"):
        raise CorpusFileError(f"{where} is gzip-compressed. Unpack it, or zip the .tsv file, and upload it again.")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    if not data:
        raise CorpusFileError(f"{where} is empty. Upload a file with one sentence pair per line.")
    if b"\x00" in data:
        line = data.count(b"\n", 0, data.index(b"\x00")) + 1
        raise CorpusFileError(
            f"{where} is not a text file (it contains NUL bytes, first on line {line}). Upload a "
            "tab-separated text file saved as UTF-8 (Excel's 'Unicode text' is UTF-16: do not use it).")
    newline = b"\n" if b"\n" in data else b"\r"   # old Mac files end lines with \r alone
    line_count = data.count(newline) + (0 if data.endswith(newline) else 1)
    if line_count > MAX_LINES:
        raise CorpusFileError(f"{where} has {line_count:,} lines; the limit is {MAX_LINES:,}. "
                              "Upload a smaller part of the corpus.")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(newline, 0, error.start) + 1
        raise CorpusFileError(
            f"{where} is not UTF-8 text (first undecodable byte on line {line}). "
            "Save it as UTF-8 and upload it again.") from None
    lines = text.split(newline.decode())
    if lines and lines[-1] == "":
        lines.pop()
    return [line.removesuffix("\r") for line in lines]


def _fields(line: str) -> list[str]:
    """Tab-separated cells, without trailing blank cells (spreadsheets add stray tabs)."""
    cells = line.split("\t")
    while len(cells) > 1 and not cells[-1].strip():
        cells.pop()
    return cells


def _unquote(cell: str) -> str:
    cell = cell.strip()
    if len(cell) >= 2 and cell[0] == cell[-1] == '"':
        cell = cell[1:-1].replace('""', '"')
    return cell


def _check_pair(hindi: str, english: str) -> str | None:
    """Why this pair is unusable, or None."""
    if not hindi:
        return "the Hindi column is empty"
    if not english:
        return "the English column is empty"
    if not _DEVANAGARI.search(hindi):
        return "the Hindi column has no Devanagari letters"
    if not _LATIN_LETTER.search(english):
        return "the English column has no Latin letters"
    for column, text in (("Hindi", hindi), ("English", english)):
        if len(text) > MAX_SENTENCE_CHARACTERS:
            return f"the {column} sentence has {len(text):,} characters, over the {MAX_SENTENCE_CHARACTERS:,} allowed"
        longest = max(text.split(), key=len, default="")
        if len(longest) > MAX_WORD_CHARACTERS:
            return (f"the {column} column has a 'word' of {len(longest):,} characters, over the "
                    f"{MAX_WORD_CHARACTERS} a word may have")
    return None


def _looks_like_header(cells: list[str]) -> bool:
    words = [unicodedata.normalize("NFC", _unquote(cell)).lower() for cell in cells[:2]]
    if all(word in _HEADER_WORDS for word in words):
        return True
    # Otherwise only short labels count as a header (a long bad first line is malformed).
    return all(len(word.split()) <= 3 and not _DEVANAGARI.search(word) for word in words)


def _parse_text(data: bytes, max_tokens: int, where: str) -> LoadedCorpus:
    lines = _decode(data, where)
    numbered = [(number, line) for number, line in enumerate(lines, start=1) if line.strip()]
    if not numbered:
        raise CorpusFileError(f"{where} has only blank lines. Upload a file with one sentence pair per line.")

    column_counts = Counter(len(_fields(line)) for _, line in numbered)
    columns = column_counts.most_common(1)[0][0]
    if columns == 1:
        comma_lines = sum("," in line for _, line in numbered)
        hint = (" It looks comma-separated (CSV): save it as tab-separated text instead."
                if comma_lines > len(numbered) / 2 else "")
        raise CorpusFileError(f"{where} has no tab-separated columns.{hint} {EXPECTED_FORMATS}")
    if columns > 3:
        raise CorpusFileError(f"{where} has {columns} tab-separated columns on most lines. {EXPECTED_FORMATS}")
    file_format = "tatoeba" if columns == 3 else "two-column"

    rows: list[tuple[int, list[str]]] = []
    malformed: list[tuple[int, str]] = []
    for number, line in numbered:
        cells = _fields(line)
        if len(cells) != columns:
            malformed.append((number, f"expected {columns} tab-separated columns, found {len(cells)}"))
        else:
            rows.append((number, [_unquote(cell) for cell in cells[:2]]))

    hindi_first = _hindi_comes_first(rows, default=file_format == "two-column")
    if hindi_first is None:
        raise CorpusFileError(f"{where} has no Hindi (Devanagari) text in its first two columns. "
                              f"{EXPECTED_FORMATS}")
    hindi_column = 0 if hindi_first else 1

    header = None
    pairs: list[SentencePair] = []
    seen: set[SentencePair] = set()
    duplicates = too_long = 0
    for number, cells in rows:
        hindi, english = cells[hindi_column], cells[1 - hindi_column]
        problem = _check_pair(hindi, english)
        if problem and number == numbered[0][0] and _looks_like_header(cells):
            header = "\t".join(cells)
            continue
        if problem:
            malformed.append((number, problem))
            continue
        pair = SentencePair(tuple(tokenize_hindi(hindi)), tuple(tokenize_english(english)),
                            raw_target=normalise(english))   # the reference as written
        if not pair.source_tokens or not pair.target_tokens:
            malformed.append((number, "a column holds no words"))
        elif len(pair.source_tokens) > max_tokens or len(pair.target_tokens) > max_tokens:
            too_long += 1
        elif pair in seen:
            duplicates += 1
        else:
            seen.add(pair)
            pairs.append(pair)
    malformed.sort()

    candidate_lines = len(numbered) - (header is not None)
    if malformed and len(malformed) * 2 > candidate_lines:
        raise CorpusFileError(
            f"Most lines of {_lower_first(where)} could not be read ({len(malformed)} of "
            f"{candidate_lines}: {_describe_lines(malformed)}). {EXPECTED_FORMATS}")
    if not pairs:
        if too_long:
            raise CorpusFileError(f"Every sentence pair in {_lower_first(where)} is longer than "
                                  f"{max_tokens} tokens. Upload shorter sentences.")
        raise CorpusFileError(f"{where} holds no usable Hindi–English sentence pair. {EXPECTED_FORMATS}")
    return LoadedCorpus(pairs=pairs, format=file_format, malformed_lines=malformed,
                        duplicates_dropped=duplicates, too_long_dropped=too_long,
                        header_line=header, max_tokens=max_tokens)


def _lower_first(where: str) -> str:
    return where[0].lower() + where[1:] if where.startswith("This") else where


def _hindi_comes_first(rows: list[tuple[int, list[str]]], default: bool) -> bool | None:
    """Which of the first two columns is Hindi, by majority: the one with Devanagari."""
    first = second = 0
    for _, (a, b) in rows:
        a_hindi, b_hindi = bool(_DEVANAGARI.search(a)), bool(_DEVANAGARI.search(b))
        first += a_hindi and not b_hindi
        second += b_hindi and not a_hindi
    if first == second == 0:
        return default if any(_DEVANAGARI.search(a + b) for _, (a, b) in rows) else None
    return first > second if first != second else default


# ---------------------------------------------------------------------------------- saving
#
# Where a saved corpus goes, who lists and deletes it and when it is removed: core.owners.


def _pair_line(pair: SentencePair) -> str:
    # Tokens never hold whitespace when they come from the tokenisers; hand-built pairs might,
    # and a tab or newline inside a sentence would break the file's columns.
    hindi, english = (" ".join(text.split()) for text in (pair.source_text, pair.target_text))
    return f"{hindi}\t{english}\n"


def save_corpus(pairs: Iterable[SentencePair], name: str, data_dir, owner: str = "") -> Path:
    """Write `owner`'s corpus `name` (Hindi<TAB>English with a header) where core.owners.corpus_file
    says, atomically (core.files), so a reader never sees half a file. Raises InvalidNameError for
    a bad name, ValueError for a bad owner or no pairs, core.quotas.QuotaError (a ValueError) when a
    browser's corpus would pass a quota."""
    name = validate_name(name)
    if name.lower() in BUILT_IN_CORPORA:
        raise InvalidNameError(f"{name!r} is the name of a built-in corpus on the Training page. Choose another name.")
    corpora_folder(data_dir, owner)   # a bad owner is refused before anything is created
    pairs = list(pairs)
    if not pairs:
        raise ValueError("there are no sentence pairs to save")
    text = "hindi\tenglish\n" + "".join(_pair_line(pair) for pair in pairs)
    if owner:   # a browser's: within its quota and the server's (a script's corpora are its operator's)
        from core.quotas import check_corpus
        check_corpus(data_dir, owner, name, len(text.encode("utf-8")))
    corpora = writable_corpora_folder(data_dir, owner)
    target = corpora / f"{name}.tsv"
    atomic_write_text(target, text)
    return target


# ---------------------------------------------------------------------------------- CLI


def _max_tokens(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a whole number, not {raw!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1 (got {value}): "
                                         "it is the longest sentence, in tokens, that is kept")
    return value


def main(argv: list[str] | None = None) -> int:
    parser = OneLineParser(prog="python -m core.corpus_files",
                            description="Check a Hindi–English corpus file and show what Dhyan reads from it.")
    parser.add_argument("file", help="a Tatoeba/Anki export, a two-column TSV, or a .zip of one")
    parser.add_argument("--max-tokens", type=_max_tokens, default=50, metavar="N",
                        help="drop pairs longer than N tokens on either side (default 50)")
    args = parser.parse_args(argv)
    try:
        corpus = load_corpus_file(args.file, max_tokens=args.max_tokens)
    except CorpusFileError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(corpus.summary())
    for pair in corpus.pairs[:5]:
        print(f"\n  {pair.source_text}\n  {pair.target_text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
