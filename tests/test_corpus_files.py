"""The user-corpus loader: good files, every kind of bad file, zips, names and saving."""
from __future__ import annotations

import io
import os
import random
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import core.files
from core.language import user_corpus as corpus_files
from core.language.corpus import SentencePair
from core.language.user_corpus import (
    MAX_FILE_BYTES, CorpusFileError, LoadedCorpus, load_corpus_bytes, load_corpus_file, save_corpus,
)
from core import owners
from core.owners import InvalidNameError, list_saved_corpora, validate_name

FIXTURES = Path(__file__).parent / "fixtures"
EXPORT = FIXTURES / "export_hin.txt"
TWO_COLUMN = FIXTURES / "two_column_hin_eng.tsv"
REPO = Path(__file__).resolve().parent.parent


def make_zip(members: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, content in members.items():
            archive.writestr(name, content)
    return buffer.getvalue()


def tsv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode("utf-8")


GOOD = ["मैं घर जाता हूँ।\tI go home.", "वह पढ़ रही है।\tShe is reading.",
        "पानी ठंडा है।\tThe water is cold.", "हम खेलते हैं।\tWe play."]


# ------------------------------------------------------------------------------ good files


def test_tatoeba_fixture():
    corpus = load_corpus_file(EXPORT)
    assert corpus.format == "tatoeba"
    assert len(corpus.pairs) == 14
    assert corpus.malformed_lines == [(9, "expected 3 tab-separated columns, found 1")]
    assert corpus.duplicates_dropped == 1
    assert corpus.too_long_dropped == 0
    assert corpus.header_line is None
    first = corpus.pairs[0]
    assert isinstance(first, SentencePair)
    assert first.source_tokens == ("नाचो", "!")
    assert first.target_tokens == ("Dance", "!")
    assert first.alignment == ()
    assert corpus.pairs[4].source_tokens == ("आज", "तोते", "बहुत", "शोर", "कर", "रहे", "हैं", "।")
    summary = corpus.summary()
    assert "14 sentence pairs" in summary and "line 9" in summary
    assert "1 duplicate pair" in summary and "export_hin.txt" in summary


def test_two_column_fixture_with_header():
    corpus = load_corpus_file(TWO_COLUMN)
    assert corpus.format == "two-column"
    assert corpus.header_line == "hindi\tenglish"
    assert len(corpus.pairs) == 8
    assert corpus.malformed_lines == []
    assert corpus.pairs[0].source_tokens == ("मैं", "स्कूल", "जाता", "हूँ", "।")
    assert corpus.pairs[0].target_tokens == ("I", "go", "to", "school", ".")
    assert "header" in corpus.summary()


def test_two_column_without_header_and_english_first():
    hindi_first = load_corpus_bytes(tsv(*GOOD), "a.tsv")
    swapped = ["\t".join(reversed(line.split("\t"))) for line in GOOD]
    english_first = load_corpus_bytes(tsv("English\tHindi", *swapped), "b.tsv")
    assert hindi_first.header_line is None
    assert english_first.header_line == "English\tHindi"
    assert hindi_first.pairs == english_first.pairs
    assert hindi_first.pairs[1].source_tokens == ("वह", "पढ़", "रही", "है", "।")


def test_devanagari_header_is_skipped():
    corpus = load_corpus_bytes(tsv("हिंदी\tअंग्रेज़ी", *GOOD), "h.tsv")
    assert corpus.header_line is not None and len(corpus.pairs) == 4 and not corpus.malformed_lines


def test_bom_crlf_blank_lines_and_trailing_tabs():
    text = "\ufeff" + "\r\n".join(["hindi\tenglish", GOOD[0] + "\t", "", "   ", *GOOD[1:]]) + "\r\n"
    corpus = load_corpus_bytes(text.encode("utf-8"), "windows.txt")
    assert len(corpus.pairs) == 4 and corpus.malformed_lines == []
    assert corpus.pairs[0].target_tokens == ("I", "go", "home", ".")   # no stray \r or BOM
    assert corpus.header_line == "hindi\tenglish"


def test_old_mac_line_endings():
    corpus = load_corpus_bytes("\r".join(GOOD).encode("utf-8"), "mac.txt")
    assert len(corpus.pairs) == 4


def test_content_sniffing_not_extension():
    data = EXPORT.read_bytes()
    assert len(load_corpus_bytes(data, "corpus.dat").pairs) == 14
    zipped = make_zip({"tatoeba.tsv": data})
    assert load_corpus_bytes(zipped, "no_extension").zip_member == "tatoeba.tsv"


def test_zip_of_fixture():
    data = make_zip({"hin.txt": EXPORT.read_bytes()})
    corpus = load_corpus_bytes(data, "hin-eng.zip")
    plain = load_corpus_file(EXPORT)
    assert corpus.pairs == plain.pairs
    assert corpus.zip_member == "hin.txt"
    assert corpus.description == "tatoeba (zip: hin.txt)"
    assert "hin.txt" in corpus.summary() and "hin-eng.zip" in corpus.summary()


def test_zip_macos_junk_and_folders_are_ignored():
    data = make_zip({"corpus/": b"", "corpus/hin.tsv": tsv(*GOOD),
                     "__MACOSX/corpus/._hin.tsv": b"\x00\x05\x16\x07junk", ".DS_Store": b"\x00\x00"})
    assert len(load_corpus_bytes(data, "mac.zip").pairs) == 4


def test_duplicates_and_too_long():
    long_line = " ".join(["शब्द"] * 12) + "\tA short one."
    corpus = load_corpus_bytes(tsv(*GOOD, GOOD[0], GOOD[0], long_line), "d.tsv", max_tokens=10)
    assert len(corpus.pairs) == 4
    assert corpus.duplicates_dropped == 2
    assert corpus.too_long_dropped == 1
    summary = corpus.summary()
    assert "2 duplicate pairs" in summary and "longer than 10 tokens" in summary


def test_malformed_script_checks_name_lines():
    lines = [*GOOD, "no hindi here\tI go.", "मैं जाता हूँ।\t१२३", "मैं\tबस"]
    corpus = load_corpus_bytes(tsv(*GOOD, *lines), "m.tsv")
    reasons = dict(corpus.malformed_lines)
    assert reasons[9] == "the Hindi column has no Devanagari letters"
    assert reasons[10] == "the English column has no Latin letters"
    assert reasons[11] == "the English column has no Latin letters"
    assert len(corpus.pairs) == 4 and corpus.duplicates_dropped == 4


def test_summary_names_first_few_lines_and_a_count():
    bad = [f"broken line {i}" for i in range(8)]
    corpus = load_corpus_bytes(tsv(*(GOOD * 3), *[f"{g}." for g in GOOD], *bad), "many.tsv")
    assert len(corpus.malformed_lines) == 8
    summary = corpus.summary()
    assert "line 17" in summary and "line 21" in summary and "line 22" not in summary
    assert "and 3 more" in summary


# ------------------------------------------------------------------------------ bad files


def rejected(data: bytes, filename: str = "upload.tsv", **kwargs) -> str:
    with pytest.raises(CorpusFileError) as caught:
        load_corpus_bytes(data, filename, **kwargs)
    return str(caught.value)


def test_not_utf8_names_the_line():
    data = tsv(*GOOD[:2]) + "तीसरी\tthird".encode("cp1252", errors="ignore") + b"caf\xe9\tx\n"
    message = rejected(data)
    assert "UTF-8" in message and "line 3" in message
    latin1 = rejected(tsv(GOOD[0], GOOD[1]) + "Café\tcoffee\n".encode("latin-1"))
    assert "UTF-8" in latin1 and "line 3" in latin1


def test_utf16_and_binary_and_gzip():
    assert "UTF-16" in rejected("\n".join(GOOD).encode("utf-16"))
    assert "UTF-16" in rejected(b"\xfe\xff" + "\n".join(GOOD).encode("utf-16-be"))
    nul = rejected("\n".join(GOOD).encode("utf-16-le"))   # no BOM: NUL bytes everywhere
    assert "NUL" in nul and "not a text file" in nul
    assert "gzip" in rejected(b"\x1f\x8b\x08\x00" + os.urandom(30))


def test_empty_and_blank():
    assert "empty" in rejected(b"")
    assert "empty" in rejected(b"\xef\xbb\xbf")
    assert "only blank lines" in rejected(b"\n\r\n   \n\t\n")


def test_no_tabs_or_csv():
    message = rejected(tsv("मैं घर जाता हूँ। I go home.", "वह पढ़ रही है। She reads."))
    assert "no tab-separated columns" in message and "Hindi<TAB>English" in message
    csv = rejected(tsv("मैं घर जाता हूँ।,I go home.", "वह पढ़ रही है।,She reads."))
    assert "comma-separated" in csv


def test_too_many_columns():
    assert "5 tab-separated columns" in rejected(tsv(*[g + "\ta\tb\tc" for g in GOOD]))


def test_no_hindi_at_all():
    message = rejected(tsv("Bonjour\tHello", "Merci\tThank you"))
    assert "Devanagari" in message


def test_mostly_malformed_fails_with_formats():
    message = rejected(tsv(GOOD[0], "one column", "another one", "also one\tमैं", "x\ty"))
    assert "Most lines" in message and "line 2" in message and "Tatoeba" in message


def test_every_pair_too_long():
    assert "longer than 2 tokens" in rejected(tsv(*GOOD), max_tokens=2)


def test_too_big_and_too_many_lines(monkeypatch, tmp_path):
    assert "too big" in rejected(b"a" * (MAX_FILE_BYTES + 1))
    monkeypatch.setattr(corpus_files, "MAX_LINES", 3)
    assert "has 4 lines" in rejected(tsv(*GOOD)) and "limit is 3" in rejected(tsv(*GOOD))


def test_file_size_cap_checked_before_reading(monkeypatch, tmp_path):
    big = tmp_path / "big.tsv"
    with big.open("wb") as stream:          # sparse: no 20 MB written to disk
        stream.truncate(MAX_FILE_BYTES + 1)
    opened = []
    monkeypatch.setattr(Path, "open", lambda *a, **k: opened.append(a) or pytest.fail("read"))
    with pytest.raises(CorpusFileError, match="too big"):
        load_corpus_file(big)
    assert opened == []


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(CorpusFileError, match="no file"):
        load_corpus_file(tmp_path / "absent.tsv")
    with pytest.raises(CorpusFileError, match="not a file"):
        load_corpus_file(tmp_path)


# ------------------------------------------------------------------------------ zips


def test_zip_bomb_rejected_from_declared_size(monkeypatch):
    payload = b"\x00" * (MAX_FILE_BYTES + 1)           # compresses to about 20 KB
    data = make_zip({"bomb.tsv": payload})
    assert len(data) < 100_000
    monkeypatch.setattr(zipfile.ZipFile, "open", lambda *a, **k: pytest.fail("decompressed"))
    message = rejected(data, "bomb.zip")
    assert "bomb.tsv" in message and "unpack" in message and "20 MB" in message


def _lie_about_size(data: bytes, declared: int) -> bytes:
    """Patch the uncompressed size in the local header and the central directory."""
    data = bytearray(data)
    local = data.index(b"PK\x03\x04")
    data[local + 22:local + 26] = struct.pack("<I", declared)
    central = data.index(b"PK\x01\x02")
    data[central + 24:central + 28] = struct.pack("<I", declared)
    return bytes(data)


def test_zip_lying_about_its_size_is_read_with_a_bound(monkeypatch):
    monkeypatch.setattr(corpus_files, "MAX_FILE_BYTES", 10_000)
    payload = tsv(*GOOD) * 2000                               # about 250 KB, declared as 500 bytes
    data = _lie_about_size(make_zip({"liar.tsv": payload}), 500)
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("liar.tsv").file_size == 500
    reads = []
    real_open = zipfile.ZipFile.open

    def spying_open(self, *args, **kwargs):
        stream = real_open(self, *args, **kwargs)
        real_read = stream.read
        stream.read = lambda n=-1: reads.append(n) or real_read(n)
        return stream

    monkeypatch.setattr(zipfile.ZipFile, "open", spying_open)
    message = rejected(data, "liar.zip")
    assert "damaged" in message
    assert reads and all(0 < n <= 10_001 for n in reads)


def test_nested_zip_rejected():
    inner = make_zip({"hin.tsv": tsv(*GOOD)})
    assert "another zip" in rejected(make_zip({"inner.zip": inner}), "outer.zip")
    assert "another zip" in rejected(make_zip({"sneaky.tsv": inner}), "outer.zip")


def test_path_traversal_member_rejected(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in ("../evil.tsv", "/etc/evil.tsv", "a/../../evil.tsv", "..\\evil.tsv", "C:/evil.tsv"):
        message = rejected(make_zip({name: tsv(*GOOD)}), "evil.zip")
        assert "unsafe name" in message, name
    assert list(tmp_path.parent.glob("evil.tsv")) == [] and list(tmp_path.iterdir()) == []


def test_zip_member_problems():
    assert "too many files" in rejected(make_zip({f"f{i}.tsv": b"x" for i in range(12)}), "many.zip")
    assert "several text files" in rejected(make_zip({"a.tsv": tsv(*GOOD), "b.txt": tsv(*GOOD)}))
    assert "no .tsv or .txt" in rejected(make_zip({"photo.jpg": b"\xff\xd8\xff"}))
    assert "empty" in rejected(make_zip({}))
    assert "Excel" in rejected(make_zip({"[Content_Types].xml": b"<x/>", "xl/workbook.xml": b"<x/>"}))
    assert "UTF-8" in rejected(make_zip({"hin.tsv": b"caf\xe9\tx\n"}))
    assert "empty" in rejected(make_zip({"hin.tsv": b""}))


def test_encrypted_member_rejected():
    data = bytearray(make_zip({"hin.tsv": tsv(*GOOD)}, zipfile.ZIP_STORED))
    for signature, flag_offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.index(signature) + flag_offset
        data[at] |= 0x1
    assert "password" in rejected(bytes(data), "secret.zip")


def test_damaged_zip():
    data = make_zip({"hin.tsv": tsv(*GOOD)})
    assert "damaged" in rejected(data[: len(data) // 2] + b"\x00" * 10, "cut.zip")
    assert "damaged" in rejected(b"PK\x03\x04" + b"\x00" * 40, "junk.zip")


# ------------------------------------------------------------------------------ fuzzing


def test_random_bytes_give_only_corpus_file_errors():
    rng = random.Random(1234)
    good_zip = make_zip({"hin.tsv": EXPORT.read_bytes()})
    stored_zip = make_zip({"hin.tsv": tsv(*GOOD)}, zipfile.ZIP_STORED)
    alphabet = ["\t", "\n", "\r", " ", "मैं", "घर", "।", "I", "go", "\ufeff", "\x00", "é", ",", '"']
    inputs = [b"", b"\n", b"\t", b"\xef\xbb\xbf\t\n", b"PK", b"PK\x03\x04", b"PK\x05\x06" + b"\x00" * 18]
    for _ in range(150):
        inputs.append(rng.randbytes(rng.randrange(0, 300)))
    for _ in range(150):
        inputs.append("".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 60))).encode("utf-8"))
    for source in (good_zip, stored_zip):
        for _ in range(100):
            mutated = bytearray(source)
            for _ in range(rng.randrange(1, 6)):
                mutated[rng.randrange(len(mutated))] = rng.randrange(256)
            inputs.append(bytes(mutated[: rng.randrange(4, len(mutated) + 1)]))
    outcomes = {"ok": 0, "error": 0}
    for data in inputs:
        try:
            result = load_corpus_bytes(data, rng.choice(["x.tsv", "x.zip", "", "../x"]))
        except CorpusFileError as error:
            assert str(error)
            outcomes["error"] += 1
        else:
            assert isinstance(result, LoadedCorpus) and result.pairs
            result.summary()
            outcomes["ok"] += 1
    assert outcomes["ok"] > 0 and outcomes["error"] > 0


# ------------------------------------------------------------------------------ names, saving


@pytest.mark.parametrize("name", ["../x", "a/b", "", "x" * 41, ".hidden", "-flag", "a b", "a\\b",
                                  "naïve", "a.tsv", "ok\n", "CON", None])
def test_validate_name_rejects(name):
    with pytest.raises(InvalidNameError) as caught:
        validate_name(name)
    assert "A–Z" in str(caught.value) or "reserved" in str(caught.value)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("name", ["a", "my_corpus-2", "x" * 40, "Tatoeba_2024", "_x"])
def test_validate_name_accepts(name):
    assert validate_name(name) == name


def test_save_and_list_round_trip(tmp_path):
    pairs = load_corpus_file(EXPORT).pairs
    path = save_corpus(pairs, "tatoeba_small", tmp_path)
    assert path == (tmp_path / "corpora" / "tatoeba_small.tsv").resolve()
    assert load_corpus_file(path).pairs == pairs
    save_corpus(pairs[:3], "another", tmp_path)
    (tmp_path / "corpora" / "notes.md").write_text("x")
    assert list_saved_corpora(tmp_path) == ["another", "tatoeba_small"]
    assert list_saved_corpora(tmp_path / "nowhere") == []
    assert not list((tmp_path / "corpora").glob("*.tmp"))


def test_save_rejects_bad_names_and_stays_inside(tmp_path):
    data_dir = tmp_path / "data"
    pairs = load_corpus_file(TWO_COLUMN).pairs
    for name in ("../escape", "/tmp/abs", "a/b"):
        with pytest.raises(InvalidNameError):
            save_corpus(pairs, name, data_dir)
    assert list(tmp_path.rglob("*")) == []   # validated before anything is created


def test_save_refuses_the_name_of_a_built_in_corpus_which_it_would_hide(tmp_path):
    from app.reports import suggested_name
    pairs = load_corpus_file(TWO_COLUMN).pairs
    for name in ("classroom", "Generated", "conversational"):   # the Training page lists these as built in
        with pytest.raises(InvalidNameError, match="built-in corpus"):
            save_corpus(pairs, name, tmp_path, owner="")
    assert not (tmp_path / "corpora").exists()
    assert suggested_name("classroom.tsv") == "classroom_upload"
    assert suggested_name("classroom_2.tsv") == "classroom_2"
    assert save_corpus(pairs, suggested_name("generated.txt"), tmp_path).name == "generated_upload.tsv"


def test_save_refuses_corpora_symlink_out_of_data_dir(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "corpora").symlink_to(outside)
    with pytest.raises(ValueError):
        save_corpus(load_corpus_file(TWO_COLUMN).pairs, "x", data_dir)
    assert list(outside.iterdir()) == []


def test_save_is_atomic_when_replace_fails(tmp_path, monkeypatch):
    pairs = load_corpus_file(EXPORT).pairs
    path = save_corpus(pairs[:2], "mine", tmp_path)
    before = path.read_bytes()

    def failing_replace(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(core.files.os, "replace", failing_replace)
    with pytest.raises(OSError, match="disk full"):
        save_corpus(pairs, "mine", tmp_path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in path.parent.iterdir()) == ["mine.tsv"]


def test_save_needs_pairs(tmp_path):
    with pytest.raises(ValueError):
        save_corpus([], "empty", tmp_path)



OWNER, OTHER = "0123456789ab", "ba9876543210"   # two browsers' ids (core.owners.OWNER_ID's form)


def test_each_owner_saves_lists_and_deletes_only_its_own_corpora(tmp_path):
    pairs = load_corpus_file(EXPORT).pairs
    mine = save_corpus(pairs, "class", tmp_path, owner=OWNER)
    assert mine == (tmp_path / "corpora" / OWNER / "class.tsv").resolve()
    assert mine == owners.corpus_file(tmp_path, "class", OWNER).resolve()
    theirs = save_corpus(pairs[:3], "class", tmp_path, owner=OTHER)
    assert load_corpus_file(mine).pairs == pairs and len(load_corpus_file(theirs).pairs) == 3
    assert list_saved_corpora(tmp_path, OWNER) == list_saved_corpora(tmp_path, OTHER) == ["class"]
    assert list_saved_corpora(tmp_path) == [], "an owner's corpus is not an owner-less one"

    assert owners.delete_corpus("class", tmp_path, OTHER) is True
    assert not theirs.exists() and mine.is_file()
    assert owners.delete_corpus("class", tmp_path, OTHER) is False
    assert list_saved_corpora(tmp_path, OWNER) == ["class"]


@pytest.mark.parametrize("owner", ["..", "../x", "0123456789AB", "0123456789a", "/tmp", "x" * 12])
def test_an_owner_that_is_not_a_browsers_id_is_refused_and_nothing_is_written(tmp_path, owner):
    pairs = load_corpus_file(TWO_COLUMN).pairs
    with pytest.raises(ValueError, match="owner id"):
        save_corpus(pairs, "x", tmp_path / "data", owner=owner)
    for call in (lambda: list_saved_corpora(tmp_path / "data", owner),
                 lambda: owners.delete_corpus("x", tmp_path / "data", owner)):
        with pytest.raises(ValueError, match="owner id"):
            call()
    assert list(tmp_path.rglob("*")) == []


def test_save_refuses_an_owner_folder_linked_out_of_data_dir(tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "data" / "corpora").mkdir(parents=True)
    (tmp_path / "data" / "corpora" / OWNER).symlink_to(outside)
    with pytest.raises(ValueError, match="outside"):
        save_corpus(load_corpus_file(TWO_COLUMN).pairs, "x", tmp_path / "data", owner=OWNER)
    assert list(outside.iterdir()) == []
    assert list_saved_corpora(tmp_path / "data", OWNER) == []


# ------------------------------------------------------------------------------ CLI


def test_cli_prints_summary_and_pairs(capsys):
    assert corpus_files.main([str(EXPORT)]) == 0
    out = capsys.readouterr().out
    assert "14 sentence pairs" in out and "नाचो!" in out and "Who painted the gate blue?" in out
    assert "My cousin" not in out


def test_cli_error_is_a_message(capsys, tmp_path):
    bad = tmp_path / "bad.tsv"
    bad.write_bytes(b"caf\xe9\n")
    assert corpus_files.main([str(bad)]) == 2
    err = capsys.readouterr().err
    assert "UTF-8" in err and "Traceback" not in err


def test_cli_as_module():
    result = subprocess.run([sys.executable, "-m", "core.corpus_files", str(TWO_COLUMN)],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "8 sentence pairs" in result.stdout


def run_cli(argv: list[str], capsys) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of the command line, argparse's own exits included."""
    try:
        code = corpus_files.main(argv)
    except SystemExit as exit:
        code = exit.code
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.mark.parametrize("argv, words", [
    (["--max-tokens", "0", str(EXPORT)], "at least 1 (got 0)"),
    (["--max-tokens", "-5", str(EXPORT)], "at least 1 (got -5)"),
    (["--max-tokens", "abc", str(EXPORT)], "whole number, not 'abc'"),
    (["--max-tokens", "1.5", str(EXPORT)], "whole number, not '1.5'"),
    (["--max-tokens", "", str(EXPORT)], "whole number, not ''"),
    ([str(EXPORT), "--max-tokens"], "expected one argument"),
    ([], "required: file"),
    ([str(EXPORT), str(TWO_COLUMN)], "unrecognized arguments"),
    (["--no-such-option", str(EXPORT)], "unrecognized arguments"),
    (["/no/such/file.tsv"], "There is no file at"),
    ([str(FIXTURES)], "is not a file"),
    ([""], "is not a file"),
    (["bad\x00name.tsv"], "Could not read"),
])
def test_cli_bad_arguments_get_one_line_and_exit_code_2(argv, words, capsys):
    code, out, err = run_cli(argv, capsys)
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0], err


def test_cli_max_tokens_is_applied(capsys):
    code, out, err = run_cli(["--max-tokens", "2", str(EXPORT)], capsys)
    assert code == 0 and err == ""
    assert "Read 3 sentence pairs" in out and "longer than 2 tokens" in out


def test_cli_max_tokens_zero_as_a_module_is_one_line():
    result = subprocess.run([sys.executable, "-m", "core.corpus_files", "--max-tokens", "0", str(TWO_COLUMN)],
                            cwd=REPO, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == "" and "Traceback" not in result.stderr
    assert len(result.stderr.splitlines()) == 1 and "--max-tokens" in result.stderr
