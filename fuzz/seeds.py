"""Seed inputs for the fuzz targets: small files of every format with the defect patterns
in them, and the project's own test files (tests/negative, tests/data/bilingual).

``seeds(name)`` gives the seeds of one target as bytes, with the options byte first (see
:mod:`targets`); ``write_corpus(name, directory)`` writes them for libFuzzer."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

#: the defect patterns procutext looks for, and their correct neighbours: the hypothesis
#: strategies and the libFuzzer dictionary (fuzz/procutext.dict) are built from these
PATTERNS = [
    "“ x ”", "“", "”", "‘", "’", '"', "'", "1、", "一、", "（一）", "(1)", "1，", "，", "。", "；", "：", "（", "）",
    "【", "】", "《", "》", "——", "— —", "......", "…", "\u3000", "\u00a0", " ,", "  ", "\t", "\n", "\r\n", "\r",
    "\n\n", "沚", "湾沚区", "检察院", "一是", "二是", "Ａ", "１", "◆", "□ ", "First, ", "Second, ",
    "Current location: home page >> ", "Time: 2023-01-25 Author: ", "News source: ", "Print this page",
    "Copyright © 2023 All rights reserved", "京ICP备12345678号", "图片2_副本.png", "Home | About Us | Contact Us",
    "Related Stories", "p>", "推荐文章", "charity litigation", "superior court", "police officers",
    "hospital leaders", "procuratorate", "People's Court", "Wanpeng District", "Wuhu City", "Bay 沚",
    "Wuhu Inaction", "Lu'an", "Luan", "2021 year one month thirty", "two thousand and twenty In",
    "4 Pieces of", "fourteen point zero one 10000 square kilometers", "ninety Anniversary", "ten · twelve",
    "February 30, 2023", "Monday, July 11, 2023", "2023-1Author", "1,667", "Zhang Jun", "张军",
    "http://a.cn/x", "`code`", "```\n", "<!-- procutext-disable PT101 -->", "<!-- procutext-disable-next-line -->",
    "[a](b)", "# ", "- ", "| a | b |", "&amp;", "&#x4e2d;", "<br>", "<p>", "</p>", "<script>", "<![CDATA[",
    "<g id=\"1\">", "</g>", "<x id=\"2\"/>", "<ph>", "</ph>", "<bpt i=\"1\">", "</bpt>", "msgid ", "msgstr ",
    '<?xml version="1.0" encoding="', 'gb2312', "utf-16", "<!DOCTYPE x [", "<!ENTITY a \"b\">", "&a;", "]]>",
    ' xml:lang="zh-CN"', ' target-language="en"', "<mrk mtype=\"seg\" mid=\"1\">", "</mrk>", "\ufeff",
    '\\"', '""', "\\u4e2d", "规定,保障", '"依法办案"', "检 察 院", "２０２３年", "檢察院", "公诉 ，法院", "社 会秩序",
]

TEXT = (
    "Current location: home page >> News\n\n"
    "The Wanzhi District People's Procuratorate held a meeting on“ Dandelion ”protection ，and 1、 heard reports .\n"
    "（一）The procuratorate handled 1,667 cases in 2021 year one month thirty.\r\n"
    "一是 strengthen supervision；二是 serve the people。\r"
    "Zhang Jun (张军) said: “ We will ”...... — — Print this page\n"
)
MARKDOWN = "# Title\n\n" + TEXT + "\n```\n“ code ”\n```\n\n<!-- procutext-disable PT101 -->\n“ x ”\n| a  b | c |\n"
HTML = ("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>t</title><script>x“ y ”</script></head>"
        "<body><nav>Home | About Us</nav><p>The procuratorate&nbsp;held“ a ”meeting ，1、 <b>bold</b> &amp; "
        "text<br>next line</p><img alt=\"a  b\" src=\"x.png\"><footer>Copyright © 2023</footer></body></html>")
XLIFF = """<?xml version="1.0" encoding="UTF-8"?>
<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">
<file source-language="zh-CN" target-language="en-US" datatype="plaintext" original="a.txt"><body>
<trans-unit id="1"><source>区检察院召开座谈会。</source><target>The district procuratorate held a meeting ，on“ x ”.</target></trans-unit>
<trans-unit id="2"><source>检察长<g id="1">说</g><x id="2"/></source><target state="translated">The <g id="1">chief</g> said<x id="2"/> &amp; 1、left</target></trans-unit>
</body></file></xliff>
"""
TMX = """<?xml version="1.0" encoding="UTF-8"?>
<tmx version="1.4"><header srclang="zh-CN" datatype="plaintext" segtype="sentence" adminlang="en" o-tmf="x" creationtool="x" creationtoolversion="1"/>
<body><tu><tuv xml:lang="zh-CN"><seg>湾沚区检察院</seg></tuv><tuv xml:lang="en-US"><seg>Wanpeng District procuratorate ，<ph>x</ph>“ a ”</seg></tuv></tu></body></tmx>
"""
PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
      '#: a.c:1\nmsgid "区检察院召开座谈会。"\nmsgstr "The district procuratorate held“ a ”meeting ，1、"\n\n'
      'msgctxt "x"\nmsgid "检察长"\nmsgstr ""\n"The chief \\"said\\" "\n"and left"\n')
CSV = 'zh,en\n区检察院召开座谈会。,"The procuratorate held“ a ”meeting ，"\n"两行\n原文","Two  lines\nhere ."\n'
TSV = "zh\ten\n区检察院召开座谈会。\tThe procuratorate held“ a ”meeting ，\n检察长\tThe chief\n"
JSONL = ('{"zh": "区检察院召开座谈会。", "en": "The procuratorate held“ a ”meeting ，"}\n'
         '{"zh": "检察长说：\\"好\\"", "en": "The chief said: \\" good \\"\\nand left \\u00e9 \\ud83d\\ude00  ."}\n')
TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>
<conceptEntry id="c1"><descrip type="subjectField">institution</descrip>
<langSec xml:lang="zh"><termSec><term>检察长</term></termSec></langSec>
<langSec xml:lang="en"><termSec><term>chief procurator</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
<termSec><term>supreme inspection (a+)+$</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
</conceptEntry></body></text></tbx>
<!-- The supreme inspection (a+)+$ aaaaaaaaaaaaaaaaaaaaaaaa! procuratorial inspector said“ x ”. -->
"""
GLOSSARY_TSV = ("zh\ten\twrong\tsource\tdomain\tcontext\n"
                "检察长\tchief procurator\tprocuratorial inspector|(a+)+$ aaa\thttps://en.spp.gov.cn/\tinstitution\t\n"
                "公益诉讼\tpublic interest litigation\tcharity litigation\thttps://en.spp.gov.cn/\tprocedure\tnear:.*|[\n")
SITEMAP = ('<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
           "<url><loc>https://www.example.gov.cn/en/a.html</loc></url><url><loc> https://x.cn/b </loc></url></urlset>")
SITEMAP_INDEX = ('<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
                 "<sitemap><loc>https://x.cn/s1.xml.gz</loc></sitemap></sitemapindex>")

_BUILTIN = {
    "text": [TEXT], "markdown": [MARKDOWN], "html": [HTML], "xliff": [XLIFF], "tmx": [TMX], "po": [PO],
    "csv": [CSV], "tsv": [TSV], "jsonl": [JSONL], "sitemap": [SITEMAP, SITEMAP_INDEX, "https://x.cn/a\nhttps://x.cn/b\n"],
    "glossary": [TBX, GLOSSARY_TSV],
}
_FILES = {
    "text": ["tests/negative/*.txt", "examples/*.txt"], "markdown": ["tests/negative/*.md"],
    "xliff": ["tests/negative/*.xlf", "tests/negative/*.xliff", "tests/data/bilingual/*.xlf",
              "tests/data/bilingual/*.sdlxliff"],
    "tmx": ["tests/negative/*.tmx", "tests/data/bilingual/*.tmx"],
    "po": ["tests/negative/*.po", "tests/data/bilingual/*.po"], "csv": ["tests/data/bilingual/*.csv"],
    "tsv": ["tests/data/bilingual/*.tsv"], "jsonl": ["tests/data/bilingual/*.jsonl"],
}
#: the options byte of each seed (see targets._opts): plain, then unsafe + curly + all rules
_FLAGS = (0x00, 0x0B)


def seeds(name: str, limit: int = 4096) -> list[bytes]:
    """The seeds of target ``name``, each cut to ``limit`` bytes."""
    if name == "any":  # see targets.target_any: the first byte chooses the target
        from targets import _ORDER

        return [bytes([i]) + s for i, n in enumerate(_ORDER) for s in seeds(n, limit - 1)[:4]]
    if name in ("file", "write"):
        out = []
        for kind_flag, kind in enumerate(("text", "markdown", "html", "xliff", "tmx", "po", "csv", "jsonl")):
            for body in [bytes([_FLAGS[0]]) + b.encode("utf-8")[:limit - 1] for b in _BUILTIN[kind]]:
                out.append(bytes([kind_flag]) + body[1:])
                out.append(bytes([kind_flag | (3 << 3)]) + body[1:].decode("utf-8", "replace").encode("gb18030"))
                out.append(bytes([kind_flag | (5 << 3)]) + body[1:].decode("utf-8", "replace").encode("utf-16"))
        return out
    bodies = [s.encode("utf-8") for s in _BUILTIN.get(name, [])]
    for pattern in _FILES.get(name, []):
        for p in sorted(ROOT.glob(pattern)):
            bodies.append(p.read_bytes())
    if name == "sitemap":
        return [b[:limit] for b in bodies]
    return [bytes([flag]) + b[:limit - 1] for b in bodies for flag in _FLAGS]


def write_corpus(name: str, directory: Path) -> int:
    directory.mkdir(parents=True, exist_ok=True)
    got = seeds(name)
    for i, s in enumerate(got):
        (directory / f"seed-{i:03d}").write_bytes(s)
    return len(got)


def write_dict(path: Path) -> None:
    """A libFuzzer dictionary of the patterns, one quoted token per line (UTF-8 bytes escaped)."""
    lines = []
    for p in PATTERNS:
        esc = "".join(chr(b) if 0x20 <= b < 0x7F and chr(b) not in '"\\' else f"\\x{b:02x}" for b in p.encode("utf-8"))
        lines.append(f'"{esc}"')
    path.write_text("\n".join(lines) + "\n", encoding="ascii")
