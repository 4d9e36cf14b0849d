#!/usr/bin/env python3
"""What skipping OpenCC saves on Chinese that has no traditional characters.

    python bench/bilingual_zh.py [--corpus ../shared/corpus] [--repeat 5]

procutext.bilingual.zh.simplified() first asks has_traditional(), one set intersection
against OpenCC's own table of characters that t2s always converts (read from the installed
package's data, without importing it), and returns a simplified text as it is. This script
measures, in one run and on the same texts:

- the skip path: has_traditional() + simplified() on simplified Chinese (the Chinese
  originals of ../shared/corpus, and the sources of 5,000 generated units, one call per unit
  as the bilingual checks make them);
- what converting would cost instead: importing opencc and building its t2s converter (once
  per process, measured in a child process), then OpenCC's convert() on the same texts;
- the same texts in traditional characters (converted with OpenCC s2t first), where the
  conversion is needed, to show the check does not skip them.

CPU time (time.process_time), best of --repeat. Skips cleanly when the corpus is absent (the
generated units are used alone then).

Figures (2026-12-01, 2 cores shared with other jobs, Python 3.11.7)::

    inputs: 1 corpus originals (787 characters), 5,000 unit sources (165,828 characters)
    once per process: reading the traditional-character table 5.3 ms; importing opencc and building t2s 5.8 ms
    corpus originals: skip path 0.03 ms vs OpenCC convert 1.3 ms (38x; 0 of 1 simplified texts seen as traditional); in traditional characters: 1 of 1 converted, 1.9 ms
    unit sources: skip path 9.17 ms vs OpenCC convert 285.8 ms (31x; 0 of 5000 simplified texts seen as traditional); in traditional characters: 5000 of 5000 converted, 451.5 ms

OpenCC itself loads its dictionaries lazily, so the saving is in the calls: about 30x less
CPU on simplified text, and no simplified text was taken for traditional.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "src"))
sys.path.insert(0, str(HERE))


def best(fn, repeat: int) -> float:  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t = time.process_time()
        fn()
        times.append(time.process_time() - t)
    return min(times)


def texts(corpus: Path) -> list[str]:
    out = []
    if corpus.is_dir():
        for p in sorted(corpus.glob("*/pairs/*.zh.txt")):
            out.append(p.read_text(encoding="utf-8"))
    return out


def unit_sources(n: int = 5000) -> list[str]:
    import bilingual_units as bu

    rnd = random.Random(12)
    terms, places = bu.load_terms(), bu.load_places()
    import html
    import re

    return [html.unescape(re.sub(r"<[^>]+>", "", bu.make_unit(rnd, terms, places)[0])) for _ in range(n)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--corpus", type=Path, default=HERE.parent.parent / "shared" / "corpus")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args(argv)
    from procutext.bilingual import zh

    docs = texts(args.corpus)
    units = unit_sources()
    chars_docs = sum(map(len, docs))
    chars_units = sum(map(len, units))
    print(f"inputs: {len(docs)} corpus originals ({chars_docs:,} characters), {len(units):,} unit sources "
          f"({chars_units:,} characters)")
    zh._traditional_table()  # read once per process; measured below in the child
    child = subprocess.run(
        [sys.executable, "-c",
         "import time,sys; sys.path.insert(0, %r); from procutext.bilingual import zh; t=time.process_time(); "
         "zh._traditional_table(); a=time.process_time()-t; "
         "t=time.process_time(); import opencc; c=opencc.OpenCC('t2s'); c.convert('檢察'); b=time.process_time()-t; "
         "print(a, b)" % str(HERE.parent / "src")],
        capture_output=True, text=True, check=True)
    table_s, opencc_s = map(float, child.stdout.split())
    print(f"once per process: reading the traditional-character table {table_s * 1000:.1f} ms; "
          f"importing opencc and building t2s {opencc_s * 1000:.1f} ms")
    conv = zh._opencc()
    import opencc

    s2t = opencc.OpenCC("s2t")
    for name, items in (("corpus originals", docs), ("unit sources", units)):
        if not items:
            print(f"{name}: absent, skipped")
            continue
        skip = best(lambda: [zh.simplified(t) for t in items], args.repeat)
        full = best(lambda: [conv.convert(t) for t in items], args.repeat)
        trad = [s2t.convert(t) for t in items]
        flagged = sum(zh.has_traditional(t) for t in trad)
        plain_flagged = sum(zh.has_traditional(t) for t in items)
        trad_t = best(lambda: [zh.simplified(t) for t in trad], args.repeat)
        print(f"{name}: skip path {skip * 1000:.2f} ms vs OpenCC convert {full * 1000:.1f} ms "
              f"({full / max(skip, 1e-9):.0f}x; {plain_flagged} of {len(items)} simplified texts seen as traditional); "
              f"in traditional characters: {flagged} of {len(items)} converted, {trad_t * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
