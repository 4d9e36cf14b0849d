"""``procutext place QUERY...``: look up Chinese administrative divisions.

:func:`run` does the work; the main CLI (procutext.cli) defines the arguments, resolves
``--within`` (a code or a name, :meth:`Gazetteer.resolve`) and handles usage errors (exit 2).
Exit status of :func:`run`: 0 when every query had at least one hit (exact, literal or near),
1 otherwise.

Text output, one block per query, headed by the query and the number of hits ("1 match",
"2 matches" when the query names them as written; "1 candidate", "3 candidates" for literal
translations and near spellings)::

    芜湖县: 1 match
      [former name 芜湖县, until 2020] 湾沚区 Wanzhi District (340210, county level)
          in: 芜湖市 Wuhu City (340200) → 安徽省 Anhui Province (340000)
          former: 芜湖县 (until 2020)
    Wuhu Inaction: 1 candidate
      [literal translation of 无为] 无为市 Wuwei City (340281, county level)
          in: 芜湖市 Wuhu City (340200) → 安徽省 Anhui Province (340000)

With ``within``, a first line names the division the hits are restricted to.

JSON output: a list of ``{"query": ..., "within": code or null, "hits": [...]}``; each hit has ``code``, ``zh``, ``en``,
``en_short``, ``level``, ``chain`` (the ancestors, parent first, up to the province, each
``{code, zh, en}``; the division itself is not repeated), ``former`` (``[{name, year}]``),
``match`` (``code``, ``zh``, ``short``, ``former``, ``en``, ``township``, ``gloss`` or ``near``),
``matched`` (the name the query matched; for ``gloss`` the Chinese characters its words
translate), ``distance`` (0 except for near hits), ``confidence`` and ``close``.
"""

from __future__ import annotations

import json
from typing import IO

from . import CLOSE, NEAR, Gazetteer, Hit, default_gazetteer

__all__ = ["count", "hit_json", "run"]


def _label(hit: Hit) -> str:
    if hit.match == "code":
        return "code"
    if hit.match == "zh":
        return "name"
    if hit.match == "short":
        return "short name"
    if hit.match == "former":
        until = f", until {hit.year}" if hit.year is not None else ""
        return f"former name {hit.matched}{until}"
    if hit.match == "en":
        return "English"
    if hit.match == "township":
        return "township level; English is machine pinyin"
    if hit.match == "gloss":
        return f"literal translation of {hit.matched}"
    close = ", close" if hit.distance <= CLOSE else ""
    return f"near {hit.matched}: distance {hit.distance:.2f}, confidence {hit.confidence:.2f}{close}"


def hit_json(hit: Hit, gazetteer: Gazetteer) -> dict:
    d = hit.division
    return {
        "code": d.code,
        "zh": d.zh,
        "en": d.en,
        "en_short": d.en_short,
        "level": d.level,
        "chain": [{"code": a.code, "zh": a.zh, "en": a.en} for a in gazetteer.chain(d.code)[1:]],
        "former": [{"name": name, "year": year} for name, year in d.former],
        "match": hit.match,
        "matched": hit.matched,
        "distance": hit.distance,
        "confidence": hit.confidence,
        "close": hit.distance <= CLOSE,
    }


def count(n: int, word: str) -> str:
    """``1 match``, ``2 matches``, ``1 candidate``, ``0 candidates``."""
    plural = word + ("es" if word.endswith(("s", "sh", "ch", "x")) else "s")
    return f"{n} {word if n == 1 else plural}"


def run(queries: list[str], *, out: IO[str], output_format: str = "text", as_json: bool | None = None,
        limit: int = 5, within: str | None = None, max_distance: float = NEAR,
        gazetteer: Gazetteer | None = None) -> int:
    """Print the hits of each query to ``out`` as ``text`` or ``json`` (``as_json`` is the
    older spelling of ``output_format="json"``); ``within`` is a division code. 0 if every
    query had a hit, else 1."""
    if as_json is not None:
        output_format = "json" if as_json else "text"
    if output_format not in ("text", "json"):
        raise ValueError(f"output_format must be 'text' or 'json', not {output_format!r}")
    gaz = gazetteer or default_gazetteer()
    results = [(q, gaz.lookup(q, limit, within=within, max_distance=max_distance)) for q in queries]
    if output_format == "json":
        json.dump([{"query": q, "within": within, "hits": [hit_json(h, gaz) for h in hits]} for q, hits in results],
                  out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        if within is not None:
            w = gaz.get(within)
            if w is not None:
                out.write(f"within {w.zh} {w.en} ({w.code})\n")
        for q, hits in results:
            if not hits:
                out.write(f"{q}: no match\n")
                continue
            word = "match" if all(h.exact for h in hits) else "candidate"
            out.write(f"{q}: {count(len(hits), word)}\n")
            for h in hits:
                d = h.division
                out.write(f"  [{_label(h)}] {d.zh} {d.en} ({d.code}, {d.level} level)\n")
                ancestors = gaz.chain(d.code)[1:]
                if ancestors:
                    out.write("      in: " + " → ".join(f"{a.zh} {a.en} ({a.code})" for a in ancestors) + "\n")
                if d.former:
                    items = [f"{n} (until {y})" if y is not None else n for n, y in d.former]
                    out.write("      former: " + ", ".join(items) + "\n")
    return 0 if all(hits for _, hits in results) else 1
