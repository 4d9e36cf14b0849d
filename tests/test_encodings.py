"""Encodings: the GB family before Big5, gbk/gb2312 read as gb18030, UTF-16/32 without a
BOM, the recorded choice, and no fix written back on a weak guess (issue 8, points 2 and 10)."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import json

import pytest

import procutext
from procutext import charsets

from helpers import run
from procutext.files import InputError, WriteError, decode, read_file, write_atomic

ROOT = Path(__file__).resolve().parents[1]
NEGATIVE = ROOT / "tests" / "negative"

# the seed article's kinds of non-ASCII text: 、 “ ” and one rare GBK character (沚)
SEED_LIKE = ("The heads of all departments reported that since this year“ Dandelion ”“ Party building ”"
             "were launched.\n\nThe procuratorate of Wuhu built a brand for the Bay 沚 procuratorial work.\n\n"
             "1、 Focus on the central work\n\n2、 Put people first\n")



def findings(text):
    return [(f.line, f.column, f.code, f.message) for f in procutext.check(text)]


# -- labels ----------------------------------------------------------------------------------------
@pytest.mark.parametrize("label", ["gbk", "GBK", "gb2312", "cp936", "euc-cn", "gb18030"])
def test_gb_labels_are_read_as_gb18030(label):
    assert charsets.canonical(label) == "gb18030"


def test_other_labels_keep_their_codec():
    assert charsets.canonical("big5") == "big5"
    assert charsets.canonical("UTF8") == "utf-8"
    with pytest.raises(LookupError):
        charsets.canonical("no-such-codec")


def test_explicit_gbk_reads_four_byte_gb18030_sequences(tmp_path):
    # Python's gbk codec rejects GB18030's four-byte sequences (here U+20BB7 and U+00E9)
    data = "Tian 𠮷 and café，Wuhu\n".encode("gb18030")
    with pytest.raises(UnicodeDecodeError):
        data.decode("gbk")
    tf = decode(data, "x.txt", "gbk")
    assert tf.text == "Tian 𠮷 and café，Wuhu\n"
    assert (tf.encoding, tf.declared_by, tf.detected, tf.confidence) == ("gb18030", "option", False, None)
    assert tf.encode(tf.text) == data


# -- the seed article ------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_seed_like_text_in_gb_reads_as_gb18030_with_the_same_findings(encoding):
    data = SEED_LIKE.encode(encoding)
    tf = decode(data, "seed.txt", "auto")
    assert tf.encoding == "gb18030" and tf.detected and tf.declared_by == "detected"
    assert tf.confidence is not None and tf.confidence >= charsets.MIN_WRITE_CONFIDENCE
    assert "沚" in tf.text
    assert findings(tf.text) == findings(SEED_LIKE)


@pytest.mark.parametrize("encoding", ["gbk", "gb18030"])
def test_real_seed_article_saved_in_gb_gives_the_utf8_findings(shared_corpus, tmp_path, capsys, encoding):
    text = (shared_corpus / "seed" / "000_719bd214ec786439.txt").read_text(encoding="utf-8")
    utf8 = tmp_path / "utf8.txt"
    utf8.write_text(text, encoding="utf-8")
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes(text.encode(encoding))
    _, expected, _ = run(capsys, "check", "--output-format", "json", str(utf8))
    code, got, _ = run(capsys, "check", "--output-format", "json", "--encoding", "auto", str(legacy))
    assert len(findings(text)) >= 29  # one defect one finding: "Bay 沚" is PT301 only
    got_doc, expected_doc = json.loads(got.replace(str(legacy), "F")), json.loads(expected.replace(str(utf8), "F"))
    assert got_doc["findings"] == expected_doc["findings"]
    assert got_doc["files"][0]["encoding"] == "gb18030" and got_doc["files"][0]["encoding_source"] == "detected"
    # and fix writes it back in the GB encoding, byte for byte what fixing the UTF-8 copy gives
    run(capsys, "fix", str(utf8))
    code, _, err = run(capsys, "fix", "--encoding", "auto", str(legacy))
    assert code == 0, err
    assert legacy.read_bytes() == utf8.read_text(encoding="utf-8").encode(encoding)


def test_short_gbk_file_does_not_pass(tmp_path, capsys):
    p = tmp_path / "short.txt"
    p.write_bytes("Wuhu，Anhui\n".encode("gbk"))
    code, out, _ = run(capsys, "check", "--encoding", "auto", str(p))
    assert code == 1 and "PT120" in out


# -- the hard case: English with a little Chinese, in every encoding ----------------------------------
def _chinese_snippets() -> list[str]:
    """Chinese terms and division names from the shipped data, of two characters or more: one
    character in GBK is two bytes that can be valid UTF-8 as well (院 is D4 BA, U+053A), which
    no detector can decide."""
    out = []
    with open(ROOT / "glossaries" / "procuratorial.tsv", encoding="utf-8") as f:
        out += [row["zh"] for row in csv.DictReader(f, delimiter="\t") if len(row["zh"]) >= 2]
    with open(ROOT / "glossaries" / "places" / "divisions.tsv", encoding="utf-8") as f:
        out += [row["zh"] for row in csv.DictReader(f, delimiter="\t")][:400]
    return out


def _english_paragraphs() -> list[str]:
    out = []
    for p in sorted(NEGATIVE.glob("*.txt")):
        out += [b.strip() for b in p.read_text(encoding="utf-8").split("\n\n") if b.strip()]
    return out


def _samples(seed: int = 8):
    """(English with one or three Chinese snippets, short or long) as simplified text."""
    rng = random.Random(seed)
    snippets = _chinese_snippets()
    forms = ["{}", "（{}）", "“{}”", "{}、", "《{}》"]
    for para in _english_paragraphs():
        for size in (80, 1000):
            for k in (1, 3):
                words = para[:size].split(" ")
                for _ in range(k):
                    i = rng.randrange(len(words))
                    words[i] += " " + rng.choice(forms).format(rng.choice(snippets))
                yield " ".join(words)


def _outcomes(encoding: str):
    if encoding == "big5":
        import opencc

        to_traditional = opencc.OpenCC("s2t").convert
    right = {"gbk": {"gb18030"}, "gb18030": {"gb18030"}, "big5": {"big5", "cp950"}, "utf-8": {"utf-8"}}[encoding]
    out = []
    for text in _samples():
        if encoding == "big5":
            text = to_traditional(text)
        try:
            data = text.encode(encoding)
        except UnicodeEncodeError:
            continue
        g = charsets.guess(data)
        out.append((g is not None and g.encoding in right, g.confidence if g else None, text))
    return out


@pytest.mark.parametrize("encoding,min_right", [("gbk", 1.0), ("gb18030", 1.0), ("utf-8", 1.0), ("big5", 0.97)])
def test_english_with_a_little_chinese(encoding, min_right):
    outcomes = _outcomes(encoding)
    assert len(outcomes) >= 100
    right = sum(ok for ok, _, _ in outcomes) / len(outcomes)
    assert right >= min_right, [t[:60] for ok, _, t in outcomes if not ok][:5]
    # a wrong guess is never confident enough to write a fix back
    confident_wrong = [t for ok, conf, t in outcomes
                       if not ok and conf is not None and conf >= charsets.MIN_WRITE_CONFIDENCE]
    assert confident_wrong == []


def test_windows_1252_english_is_not_read_as_chinese():
    data = "The “Spring Seedling” project – launched… in the café.\n".encode("cp1252")
    tf = decode(data, "x.txt", "auto")
    assert tf.encoding == "cp1252" and tf.text == data.decode("cp1252")


def test_valid_utf8_with_odd_letters_stays_utf8_but_is_not_trusted_blindly():
    g = charsets.guess("The resistance is 5 Ω here\n".encode("utf-8"))
    assert g is not None and g.encoding == "utf-8"
    # a GBK text of two characters that happens to be valid UTF-8 is not read as UTF-8
    data = "平原".encode("gbk")
    data.decode("utf-8")
    g = charsets.guess(data)
    assert g is not None and g.encoding == "gb18030"


def test_guess_needs_no_charset_normalizer(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def no_cn(name, *args, **kwargs):
        if name.startswith("charset_normalizer"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_cn)
    tf = decode(SEED_LIKE.encode("gbk"), "x.txt", "auto")
    assert tf.encoding == "gb18030" and tf.text == SEED_LIKE


def test_encodings_outside_the_model_go_to_charset_normalizer(tmp_path):
    pytest.importorskip("charset_normalizer")
    text = "これは日本語の文章です。東京都に住んでいます。検察庁の記者会見が開かれました。\n"
    p = tmp_path / "ja.txt"
    p.write_bytes(text.encode("shift_jis"))
    tf = read_file(p, "auto")
    assert tf.detected and tf.confidence is None and tf.text == text
    # its guess carries no confidence procutext can vouch for: no fix is written on it
    with pytest.raises(WriteError, match="--encoding"):
        write_atomic(tf, tf.text)


# -- no fix written back on a weak guess ------------------------------------------------------------------
def test_weak_guess_is_not_written_back(tmp_path, capsys):
    p = tmp_path / "short.txt"
    data = "The Bay 沚 procuratorate，Wuhu\n".encode("gbk")
    p.write_bytes(data)
    tf = read_file(p, "auto")
    assert tf.encoding == "gb18030" and tf.text == data.decode("gb18030")
    assert tf.confidence is not None and tf.confidence < charsets.MIN_WRITE_CONFIDENCE and not tf.writable
    with pytest.raises(WriteError) as e:
        write_atomic(tf, tf.text.replace("，", ", "))
    msg = str(e.value)
    assert str(p) in msg and "gb18030" in msg and f"{tf.confidence:.2f}" in msg and "--encoding" in msg
    assert p.read_bytes() == data
    code, _, err = run(capsys, "fix", "--encoding", "auto", str(p))
    assert code == 2 and "--encoding" in err and p.read_bytes() == data
    # named explicitly, the encoding is no guess: the fix is written, in GB18030
    code, _, _ = run(capsys, "fix", "--encoding", "gbk", str(p))
    assert code == 0 and p.read_bytes() == "The Wanzhi procuratorate, Wuhu\n".encode("gb18030")


def test_decode_that_does_not_round_trip_is_not_written_back():
    # CP950 has two codes for 十 (A2CC and A451): writing back would change the bytes
    data = "Shi ".encode("ascii") + b"\xa2\xcc" + "，Taipei\n".encode("cp950")
    tf = decode(data, "x.txt", "cp950")
    assert not tf.lossless
    with pytest.raises(WriteError, match="round trip"):
        write_atomic(tf, tf.text)


def test_recorded_choice():
    tf = decode(b"plain\n", "x.txt")
    assert (tf.encoding, tf.declared_by, tf.detected) == ("utf-8", "default", False)
    tf = decode(b"\xef\xbb\xbfplain\n", "x.txt", "gbk")
    assert (tf.encoding, tf.declared_by, tf.bom) == ("utf-8", "bom", b"\xef\xbb\xbf")
    tf = decode("ok，\n".encode("gbk"), "x.txt", "auto")
    info = tf.encoding_info()
    assert info["encoding"] == "gb18030" and info["declared_by"] == "detected" and info["detected"] is True
    assert isinstance(info["confidence"], float)
    assert tf.describe_encoding().startswith("gb18030 (detected, confidence ")


# -- point 10: hints and UTF-16 without a BOM ---------------------------------------------------------------
def test_gb18030_hint_is_not_offered_when_gb18030_was_used():
    data = b"Wuhu \x81\x20 Anhui\n"  # a GB lead byte followed by a space: invalid in GB18030
    with pytest.raises(InputError) as e:
        decode(data, "x.txt", "gb18030")
    assert "cannot decode as gb18030" in str(e.value)
    assert "--encoding gb18030" not in str(e.value)
    with pytest.raises(InputError) as e:
        decode(data, "x.txt", "gbk")
    assert "--encoding gb18030" not in str(e.value)


def test_utf8_failure_names_the_likely_encoding():
    with pytest.raises(InputError) as e:
        decode(SEED_LIKE.encode("gbk"), "x.txt")
    assert "cannot decode as utf-8" in str(e.value) and "--encoding gb18030" in str(e.value)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"])
def test_utf16_and_utf32_without_bom_are_recognised(tmp_path, capsys, encoding):
    text = "Wuhu，Anhui: the “Spring Seedling” project of the Wanzhi procuratorate.\n"
    p = tmp_path / "wide.txt"
    p.write_bytes(text.encode(encoding))
    tf = read_file(p)
    assert (tf.text, tf.encoding, tf.bom, tf.declared_by) == (text, encoding, b"", "detected")
    code, out, err = run(capsys, "check", str(p))
    assert code == 1 and "PT120" in out and "binary" not in err
    code, _, _ = run(capsys, "fix", str(p))
    assert p.read_bytes() == text.replace("，", ", ").encode(encoding)


def test_binary_is_still_binary():
    with pytest.raises(InputError, match="binary file"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00", "x.txt")
    with pytest.raises(InputError, match="binary file"):
        decode(b"abc\x00def", "x.txt", "auto")


def test_sniff_wide_needs_the_pattern():
    assert charsets.sniff_wide("plain English text".encode("utf-16-le")) == "utf-16-le"
    assert charsets.sniff_wide("plain English text".encode("utf-16-be")) == "utf-16-be"
    assert charsets.sniff_wide("检察院检察院检察院".encode("utf-8")) is None
    assert charsets.sniff_wide(b"a\x00b\x00c") is None  # odd length: not UTF-16


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32"])
@pytest.mark.parametrize("order", ["le", "be"])
def test_wide_encoding_named_without_a_bom_writes_no_bom(tmp_path, capsys, encoding, order):
    # found by fuzzing: --encoding utf-16 on a file without a BOM decoded in the machine's byte
    # order and wrote a BOM back, changing bytes outside the fix (and a big-endian file was
    # read as little-endian nonsense)
    text = "Wuhu，Anhui\n"
    p = tmp_path / "a.txt"
    p.write_bytes(text.encode(f"{encoding}-{order}"))
    tf = read_file(p, encoding)
    assert (tf.text, tf.encoding, tf.bom) == (text, f"{encoding}-{order}", b"")
    assert decode(b"", "x", encoding).encode("") == b""
    code, _, err = run(capsys, "fix", "--encoding", encoding, str(p))
    assert code == 0, err
    assert p.read_bytes() == "Wuhu, Anhui\n".encode(f"{encoding}-{order}")
