"""Hostile XML (issue 15, point 4): entity expansion, external entities and DOCTYPEs in TBX,
XLIFF, TMX and sitemaps are refused with the file, the place and the reason; deeply nested
documents are capped. Nothing is expanded or fetched: the secret below never shows up."""

from __future__ import annotations

import gzip
import time

import pytest

import procutext
from procutext.bilingual.formats.xmlscan import MAX_DEPTH
from procutext.fetch.sitemaps import SitemapError, parse_sitemap
from procutext.files import InputError
from procutext.glossary import GlossaryError
from procutext.glossary.formats import MAX_TBX_DEPTH

from helpers import run

LAUGHS = ('<!DOCTYPE lolz [<!ENTITY lol "lol">'
          + "".join(f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
                    for i in range(1, 10)) + "]>\n")
PREAMBLES = {
    "billion laughs": (LAUGHS, "&lol9;"),
    "external entity": ('<!DOCTYPE x [<!ENTITY xxe SYSTEM "file://{secret}">]>\n', "&xxe;"),
    "parameter entity": ('<!DOCTYPE x [<!ENTITY % p SYSTEM "file://{secret}"> %p;]>\n', "x"),
    "external DTD": ('<!DOCTYPE x SYSTEM "file://{secret}">\n', "x"),
    "bare DOCTYPE": ("<!DOCTYPE x>\n", "x"),
}
BODIES = {
    "xliff": ('<xliff version="1.2"><file source-language="zh-CN" target-language="en" datatype="plaintext" '
              'original="a"><body><trans-unit id="1"><source>检察院</source><target>{v}</target></trans-unit>'
              "</body></file></xliff>\n"),
    "tmx": ('<tmx version="1.4"><header srclang="zh-CN"/><body><tu><tuv xml:lang="zh-CN"><seg>检察院</seg></tuv>'
            '<tuv xml:lang="en"><seg>{v}</seg></tuv></tu></body></tmx>\n'),
    "tbx": ('<tbx type="TBX-Basic" xmlns="urn:iso:std:iso:30042:ed-2"><text><body><conceptEntry id="c1">'
            '<langSec xml:lang="zh"><termSec><term>检察长</term></termSec></langSec><langSec xml:lang="en">'
            "<termSec><term>chief procurator</term></termSec><termSec><term>{v}</term>"
            '<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>'
            "</conceptEntry></body></text></tbx>\n"),
    "sitemap": ('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>https://x.cn/{v}</loc></url>'
                "</urlset>\n"),
}
SUFFIX = {"xliff": ".xlf", "tmx": ".tmx", "tbx": ".tbx", "sitemap": ".xml"}


def _read(kind: str, path) -> object:  # type: ignore[no-untyped-def]
    if kind == "tbx":
        return procutext.load_glossary(path, default=False)
    if kind == "sitemap":
        return parse_sitemap(path.read_bytes())
    return procutext.check_path(path)


@pytest.mark.parametrize("attack", PREAMBLES)
@pytest.mark.parametrize("kind", BODIES)
def test_dtds_and_entities_are_refused(tmp_path, kind, attack):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-CONTENT", encoding="utf-8")
    pre, value = PREAMBLES[attack]
    text = '<?xml version="1.0" encoding="UTF-8"?>\n' + pre.format(secret=secret) + BODIES[kind].format(v=value)
    p = tmp_path / f"hostile{SUFFIX[kind]}"
    p.write_text(text, encoding="utf-8")
    t = time.perf_counter()
    with pytest.raises((InputError, GlossaryError, SitemapError)) as e:
        _read(kind, p)
    assert time.perf_counter() - t < 5  # refused before anything is expanded
    msg = str(e.value)
    assert "TOP-SECRET" not in msg
    assert "refused" in msg and "DOCTYPE" in msg  # why
    if kind == "sitemap":
        assert "line 2, column 1" in msg  # where (the caller names the sitemap's URL)
    elif kind == "tbx":
        assert msg.startswith(f"{p}:2: refused")  # which file, where
    else:
        assert msg.startswith(f"{p}: {kind.upper()} refused: line 2, column 1: a DOCTYPE declaration is not read")


@pytest.mark.parametrize("kind", ["xliff", "tmx", "tbx", "sitemap"])
def test_undeclared_entities_are_errors_not_expansions(tmp_path, kind):
    p = tmp_path / f"a{SUFFIX[kind]}"
    p.write_text(BODIES[kind].format(v="&undefined;"), encoding="utf-8")
    with pytest.raises((InputError, GlossaryError, SitemapError), match="undefined entity"):
        _read(kind, p)


def _nested(kind: str, depth: int) -> str:
    inner = {"xliff": ("<g>", "</g>"), "tmx": ("<hi>", "</hi>")}.get(kind, ("<a>", "</a>"))
    return BODIES[kind].format(v=inner[0] * depth + "x" + inner[1] * depth)


OUTER = {"xliff": 5, "tmx": 5, "tbx": 7, "sitemap": 3}  # elements around {v} in BODIES


@pytest.mark.parametrize("kind", BODIES)
def test_deep_nesting_is_capped(tmp_path, kind):
    limit = MAX_TBX_DEPTH if kind == "tbx" else MAX_DEPTH
    p = tmp_path / f"deep{SUFFIX[kind]}"
    p.write_text(_nested(kind, limit - OUTER[kind]), encoding="utf-8")
    _read(kind, p)  # at the limit: read
    p.write_text(_nested(kind, limit - OUTER[kind] + 1), encoding="utf-8")
    with pytest.raises((InputError, GlossaryError, SitemapError), match=f"nested more than {limit} deep"):
        _read(kind, p)
    p.write_text(_nested(kind, 500_000), encoding="utf-8")  # and quickly, however deep
    t = time.perf_counter()
    with pytest.raises((InputError, GlossaryError, SitemapError)) as e:
        _read(kind, p)
    assert time.perf_counter() - t < 5
    if kind in ("xliff", "tmx"):
        assert str(e.value).startswith(f"{p}: {kind.upper()} refused: line 1, column ")


def test_a_refused_file_does_not_stop_the_run(tmp_path, capsys):
    bad = tmp_path / "bad.xlf"
    bad.write_text(LAUGHS + BODIES["xliff"].format(v="&lol9;"), encoding="utf-8")
    good = tmp_path / "good.txt"
    good.write_text("The procuratorate ，held a meeting.\n", encoding="utf-8")
    code, out, err = run(capsys, "check", str(bad), str(good))
    assert code == 2
    assert f"{bad}: XLIFF refused: line 1, column 1: a DOCTYPE declaration is not read" in err
    assert f"{good}:1:" in out and "PT120" in out


def test_gzip_bomb_sitemap_is_capped():
    bomb = gzip.compress(b"<urlset>" + b" " * (60 * 1024 * 1024) + b"</urlset>")
    assert len(bomb) < 100_000
    with pytest.raises(SitemapError, match="larger than 50 MiB when decompressed"):
        parse_sitemap(bomb)


@pytest.mark.parametrize("label, why", [("gb2312", "multi-byte encodings are not supported"),
                                        ("UTF-9", "unknown encoding: UTF-9")])
def test_a_declared_encoding_expat_cannot_read_is_an_error(tmp_path, capsys, label, why):
    # found by fuzzing: a LookupError or ValueError escaped from the TBX and sitemap readers
    # (a traceback on the command line)
    decl = f'<?xml version="1.0" encoding="{label}"?>\n'
    p = tmp_path / "ours.tbx"
    p.write_text(decl + BODIES["tbx"].format(v="x"), encoding="utf-8")
    good = tmp_path / "a.txt"
    good.write_text("The procuratorate held a meeting.\n", encoding="utf-8")
    code, _, err = run(capsys, "check", "--glossary", str(p), str(good))
    assert code == 2
    assert f"error: {p}:1: cannot read the encoding the XML declaration names ({why}): save the termbase as UTF-8" in err
    with pytest.raises(SitemapError, match=f"cannot read the encoding the XML declaration names \\({why}\\)"):
        parse_sitemap((decl + BODIES["sitemap"].format(v="x")).encode())
