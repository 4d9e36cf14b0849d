#!/usr/bin/env python3
"""Write an XLIFF 1.2 file of N varied zh→en translation units, deterministic for a seed.

    PYTHONPATH=src python bench/bilingual_units.py OUT.xlf [--units 5000] [--seed 12]

Each unit is one of the sentence templates below (written for this benchmark; no text from
elsewhere), its slots filled from the shipped data: glossary terms with their approved
English and their wrong renderings (``glossaries/procuratorial.tsv``, ``court.tsv``),
place names with their official English (``glossaries/places/divisions.tsv``), and
quantities in Chinese and English form (counts, 万 and 亿元 amounts, percentages, dates;
the English through :mod:`procutext.numbers.en`'s formatters). About a fifth of the units
carry inline codes (``<g>``, ``<x/>``, ``<ph>``, ``<bpt>``/``<ept>``) on both sides; half the
translated units are ``approved="yes"``.

About 70 % of the units are correct translations; the rest carry one defect each: a wrong
term rendering, a transposed number, the source copied into the target, an empty target,
quotation marks padded with spaces, Chinese punctuation left in the English, or an
omission (the second clause dropped). The kind of each unit is written beside the file
(``OUT.labels.tsv``: id, kind) for the benchmark's sanity check; the file itself carries
no label. The script prints the number of units, of distinct sources and of distinct
targets.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from procutext.numbers import Date  # noqa: E402
from procutext.numbers.en import english_date, format_number  # noqa: E402

# -- templates ------------------------------------------------------------------------------------
# Slots: {T} a glossary term, {P} a place, {N} a count, {A} an amount, {R} a percentage,
# {D} a date. The English side of a slot is filled with the same value's English form.
# Each template has a first clause and a second one (the omission defect drops the second).
TEMPLATES: list[tuple[str, str, str, str]] = [
    ("{D}，{P}召开{T}工作推进会，", "研究部署下一阶段重点任务。",
     "On {D}, {P} held a meeting to advance the work on {T},", " and planned the key tasks of the next stage."),
    ("今年以来，{P}共办理涉及{T}的案件{N}件，", "同比上升{R}。",
     "Since the beginning of this year, {P} has handled {N} cases involving {T},", " up {R} year on year."),
    ("会议强调，要进一步做好{T}工作，", "切实维护人民群众合法权益。",
     "The meeting stressed the need to further improve the work on {T}", " and to safeguard the lawful rights and interests of the people."),
    ("{P}检察机关追缴违法所得{A}，", "挽回经济损失{A2}。",
     "Procuratorial organs in {P} recovered {A} of illegal gains", " and retrieved economic losses of {A2}."),
    ("截至{D}，全市已建成{T}示范点{N}个，", "覆盖率达到{R}。",
     "As of {D}, the city had set up {N} demonstration sites for {T},", " a coverage rate of {R}."),
    ("检察长在讲话中指出，{T}是一项长期任务，", "必须常抓不懈。",
     "In his speech, the chief procurator pointed out that {T} is a long-term task", " that must be pursued without letup."),
    ("{P}共受理群众来信来访{N}件，", "均在七日内程序性回复。",
     "{P} received {N} letters and visits from the public,", " all of which were answered within seven days."),
    ("据统计，{T}相关案件占全部案件的{R}，", "较去年下降明显。",
     "Statistics show that cases related to {T} accounted for {R} of all cases,", " a marked decline from last year."),
    ("{D}，{P}与公安机关签署协作协议，", "共同推进{T}。",
     "On {D}, {P} signed a cooperation agreement with the public security organs", " to jointly promote {T}."),
    ("全年共起诉各类刑事犯罪嫌疑人{N}人，", "涉案金额{A}。",
     "In the whole year, {N} criminal suspects of all kinds were prosecuted,", " involving a total of {A}."),
    ("{P}积极开展{T}，", "取得了良好的法律效果和社会效果。",
     "{P} actively carried out {T}", " and achieved good legal and social effects."),
    ("调研组先后走访企业{N}家，", "听取意见建议{N2}条。",
     "The research team visited {N} enterprises", " and heard {N2} opinions and suggestions."),
    ("与会人员围绕{T}进行了深入交流，", "并就下一步工作达成共识。",
     "The participants held in-depth exchanges on {T}", " and reached a consensus on the next steps."),
    ("{P}人民群众满意度达到{R}，", "连续三年位居全省前列。",
     "Public satisfaction in {P} reached {R},", " ranking among the top in the province for three consecutive years."),
    ("{D}上午，{T}专题培训班在{P}开班，", "共有{N}名干警参加。",
     "On the morning of {D}, a special training course on {T} opened in {P},", " attended by {N} procuratorial personnel."),
    ("办案中，检察官依法适用{T}，", "有效化解了矛盾纠纷。",
     "In handling the case, the procurators applied {T} in accordance with the law", " and effectively resolved the dispute."),
    ("{P}财政投入专项资金{A}，", "用于改善办案条件。",
     "{P} invested {A} of special funds", " to improve case-handling conditions."),
    ("该院将{T}纳入年度考核，", "考核结果与评先评优挂钩。",
     "The procuratorate included {T} in its annual assessment,", " and the results are linked to awards."),
    ("{D}，最高人民检察院发布第{O}批指导性案例，", "其中涉及{T}的有{N}件。",
     "On {D}, the Supreme People's Procuratorate released the {O} batch of guiding cases,", " {N} of which concern {T}."),
    ("案件审查期间，{P}检察官多次听取被害人意见，", "依法保障其诉讼权利。",
     "During the review of the case, procurators in {P} repeatedly heard the opinions of the victim", " and protected the victim's litigation rights in accordance with the law."),
    ("{P}全年诉前程序整改率为{R}，", "有力推动了问题解决。",
     "The rectification rate of pre-litigation procedures in {P} was {R} for the year,", " which effectively promoted the solution of problems."),
    ("经审查，犯罪嫌疑人涉嫌非法吸收公众存款{A}，", "被害人{N}人。",
     "Upon review, the criminal suspect was suspected of illegally absorbing public deposits of {A},", " with {N} victims."),
    ("{T}工作开展情况良好，", "各项指标均达到预期。",
     "The work on {T} went well,", " and all indicators met expectations."),
    ("{P}举办“检察开放日”活动，", "邀请{N}名群众代表走进检察院。",
     "{P} held a \u201cprocuratorial open day\u201d event", " and invited {N} representatives of the public to visit the procuratorate."),
]

# -- data ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    zh: str
    en: str
    wrong: tuple[str, ...]
    proper: bool


def load_terms() -> list[Term]:
    out, seen = [], set()
    for name in ("procuratorial.tsv", "court.tsv"):
        with open(ROOT / "glossaries" / name, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f, delimiter="\t"):
                en = [e for e in row["en"].split("|") if e]
                if not en or not row["zh"] or row["zh"] in seen:
                    continue  # the procuratorial glossary's 全院 is "the whole procuratorate"
                seen.add(row["zh"])
                wrong = tuple(w for w in row["wrong"].split("|") if w)
                out.append(Term(row["zh"], en[0], wrong, row["case"] == "proper"))
    return out


def load_places() -> list[tuple[str, str]]:
    out = []
    with open(ROOT / "glossaries" / "places" / "divisions.tsv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["zh"] and row["en"]:
                out.append((row["zh"], row["en"]))
    return out


# -- quantities ------------------------------------------------------------------------------------
DIGITS = "零一二三四五六七八九"


def zh_numeral(n: int) -> str:
    """Chinese numerals of 1 ≤ n < 10,000 (三十五, 一百零八, 十二)."""
    parts = []
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            parts.append(DIGITS[d] + unit)
        elif parts and n and parts[-1] != "零":
            parts.append("零")
    s = "".join(parts).rstrip("零")
    return s[1:] if s.startswith("一十") else s


def count(rnd: random.Random) -> tuple[str, str, str]:
    """(Chinese, English, digits as written in the English)."""
    r = rnd.random()
    if r < 0.5:
        n = rnd.randint(12, 9999)
        return str(n), format_number(n), format_number(n)
    if r < 0.75:
        n = rnd.randint(11, 999)
        return zh_numeral(n), str(n), str(n)
    tenths = rnd.randint(11, 99)
    return f"{tenths / 10:g}万", format_number(tenths * 1000), format_number(tenths * 1000)


def amount(rnd: random.Random) -> tuple[str, str]:
    r = rnd.random()
    if r < 0.4:
        n = rnd.randint(11, 999)
        return f"{n}万元", f"{format_number(n * 10000)} yuan"
    if r < 0.7:
        tenths = rnd.randint(11, 99)
        return f"{tenths / 10:g}亿元", f"{format_number(tenths * 10)} million yuan"  # 9.9亿 = 990 million
    n = rnd.randint(1001, 99999)
    return f"{n}元", f"{format_number(n)} yuan"


def percent(rnd: random.Random) -> tuple[str, str]:
    if rnd.random() < 0.3:
        n = rnd.randint(11, 99)
        return "百分之" + zh_numeral(n), f"{n} percent"
    v = rnd.randint(105, 999) / 10
    s = f"{v:g}"
    return f"{s}%", f"{s}%" if rnd.random() < 0.6 else f"{s} percent"


def date(rnd: random.Random) -> tuple[str, str]:
    y, m, d = rnd.randint(2015, 2025), rnd.randint(1, 12), rnd.randint(1, 28)
    en = english_date(Date(y, m, d))
    if rnd.random() < 0.3:
        en = f"{d} {en.split()[0]} {y}"
    return f"{y}年{m}月{d}日", en


def ordinal(rnd: random.Random) -> tuple[str, str]:
    from procutext.numbers.en import ordinal as en_ordinal

    n = rnd.randint(11, 60)
    return zh_numeral(n), en_ordinal(n)


def transpose(s: str, rnd: random.Random) -> str | None:
    """``s`` with two adjacent different digits swapped (125 → 152), or None."""
    idx = [i for i in range(len(s) - 1) if s[i].isdigit() and s[i + 1].isdigit() and s[i] != s[i + 1]]
    if not idx:
        return None
    i = rnd.choice(idx)
    return s[:i] + s[i + 1] + s[i] + s[i + 2:]


# -- units -----------------------------------------------------------------------------------------
KINDS = ("correct", "wrong-term", "transposed-number", "copied-source", "empty-target",
         "padded-quotes", "zh-punctuation", "omission")
WEIGHTS = (70, 7, 5, 3, 3, 4, 4, 4)


def _inline(rnd: random.Random, zh_slot: str, en_slot: str, n: list[int]) -> tuple[str, str]:
    """The same inline code around (or before) a slot on both sides (XML, escaped text)."""
    n[0] += 1
    i = n[0]
    r = rnd.random()
    zh, en = escape(zh_slot), escape(en_slot)
    if r < 0.4:
        return f'<g id="{i}">{zh}</g>', f'<g id="{i}">{en}</g>'
    if r < 0.6:
        return f'<x id="{i}"/>{zh}', f'<x id="{i}"/>{en}'
    if r < 0.8:
        return f'<bpt id="{i}">&lt;b&gt;</bpt>{zh}<ept id="{i}">&lt;/b&gt;</ept>', \
            f'<bpt id="{i}">&lt;b&gt;</bpt>{en}<ept id="{i}">&lt;/b&gt;</ept>'
    return f'{zh}<ph id="{i}">&lt;br/&gt;</ph>', f'{en}<ph id="{i}">&lt;br/&gt;</ph>'


def make_unit(rnd: random.Random, terms: list[Term], places: list[tuple[str, str]]) -> tuple[str, str, str]:
    """(source XML, target XML, kind) of one unit."""
    kind = rnd.choices(KINDS, WEIGHTS)[0]
    # a wrong term needs a template with a term slot (else the unit would be correct)
    zh1, zh2, en1, en2 = rnd.choice(TEMPLATES if kind != "wrong-term" else
                                    [t for t in TEMPLATES if "{T}" in t[2] + t[3]])
    term = rnd.choice(terms)
    if kind == "wrong-term" and not term.wrong:
        term = rnd.choice([t for t in terms if t.wrong])
    place = rnd.choice(places)
    n_zh, n_en, _ = count(rnd)
    n2_zh, n2_en, _ = count(rnd)
    a_zh, a_en = amount(rnd)
    a2_zh, a2_en = amount(rnd)
    r_zh, r_en = percent(rnd)
    d_zh, d_en = date(rnd)
    o_zh, o_en = ordinal(rnd)
    t_en = term.en
    if kind == "wrong-term":
        t_en = rnd.choice(term.wrong)
    zh_vals = {"T": term.zh, "P": place[0], "N": n_zh, "N2": n2_zh, "A": a_zh, "A2": a2_zh,
               "R": r_zh, "D": d_zh, "O": o_zh}
    en_vals = {"T": t_en, "P": place[1], "N": n_en, "N2": n2_en, "A": a_en, "A2": a2_en,
               "R": r_en, "D": d_en, "O": o_en}
    if kind == "transposed-number":
        slots = [k for k in ("N", "A", "R", "N2", "A2") if "{" + k + "}" in en1 + en2]
        rnd.shuffle(slots)
        for k in slots:
            t = transpose(en_vals[k], rnd)
            if t is not None:
                en_vals[k] = t
                break
        else:
            kind = "correct"
    # escape the values; wrap one slot in an inline code in about a fifth of the units
    zh_x = {k: escape(v) for k, v in zh_vals.items()}
    en_x = {k: escape(v) for k, v in en_vals.items()}
    if rnd.random() < 0.2:
        slots = [k for k in zh_vals if "{" + k + "}" in zh1 + zh2 and "{" + k + "}" in en1 + en2]
        if slots:
            k = rnd.choice(slots)
            zh_x[k], en_x[k] = _inline(rnd, zh_vals[k], en_vals[k], [0])
    source = (escape(zh1) + escape(zh2)).format(**zh_x)
    e1, e2 = escape(en1).format(**en_x), escape(en2).format(**en_x)
    if e1[:1].islower():
        e1 = e1[0].upper() + e1[1:]
    if kind == "omission":
        target = e1.rstrip(",") + "."
    else:
        target = e1 + e2
    if kind == "copied-source":
        target = source
    elif kind == "empty-target":
        target = ""
    elif kind == "padded-quotes":
        if "\u201c" in target:
            target = target.replace("\u201c", "\u201c ", 1).replace("\u201d", " \u201d", 1)
        else:
            target = target[:-1] + ' under the " one-stop " model.'
    elif kind == "zh-punctuation":
        target = target.replace(",", "，", 1) if "," in target else target
        target = target[:-1] + "。" if target.endswith(".") else target + "。"
    return source, target, kind



def write(path: Path, units: int, seed: int) -> dict:
    rnd = random.Random(seed)
    terms, places = load_terms(), load_places()
    sources, targets = set(), set()
    kinds: dict[str, int] = {}
    with open(path, "w", encoding="utf-8") as f, open(labels_path(path), "w", encoding="utf-8") as lab:
        f.write('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2">\n'
                f'  <file original="bench-{seed}.txt" source-language="zh-CN" target-language="en" datatype="plaintext">\n'
                '    <body>\n')
        for i in range(1, units + 1):
            source, target, kind = make_unit(rnd, terms, places)
            sources.add(source)
            targets.add(target)
            kinds[kind] = kinds.get(kind, 0) + 1
            state = "needs-translation" if kind == "empty-target" else "translated"
            # half the translated units are approved (signed off), as in a reviewed project
            approved = ' approved="yes"' if state == "translated" and rnd.random() < 0.5 else ""
            f.write(f'      <trans-unit id="u{i}"{approved}>\n        <source>{source}</source>\n'
                    f'        <target state="{state}">{target}</target>\n      </trans-unit>\n')
            lab.write(f"u{i}\t{kind}\n")
        f.write("    </body>\n  </file>\n</xliff>\n")
    return {"units": units, "distinct_sources": len(sources), "distinct_targets": len(targets), "kinds": kinds}


def labels_path(path: Path) -> Path:
    return path.with_name(path.name + ".labels.tsv") if not path.name.endswith(".xlf") \
        else path.with_name(path.name[:-4] + ".labels.tsv")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--units", type=int, default=5000)
    ap.add_argument("--seed", type=int, default=12)
    a = ap.parse_args(argv)
    stats = write(a.out, a.units, a.seed)
    kinds = ", ".join(f"{k} {v}" for k, v in sorted(stats["kinds"].items(), key=lambda kv: -kv[1]))
    print(f"{a.out}: {stats['units']} units, {stats['distinct_sources']} distinct sources, "
          f"{stats['distinct_targets']} distinct targets; {kinds}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
