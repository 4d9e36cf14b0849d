#!/usr/bin/env python3
"""Record what procutext finds and fixes on fixed inputs, as digests, so that a speed change
can show that its results are identical (tests/test_findings_snapshot.py compares).

    python scripts/snapshot_findings.py            # rewrite tests/snapshots/findings.json
    python scripts/snapshot_findings.py --check    # compare only (exit 1 on a difference)

The inputs are the synthetic text of bench/synth.py (always there) and, when ../shared/corpus
is beside the clone, each text of the corpus and the concatenation of each of its folders.
No text is stored: per input, the number of findings and a SHA-256 of every field of every
finding (code, span, positions, message, matched text, edit, suggestions, data) of
``check``, of ``fix`` (applied and remaining findings, fixed text) and of the text fixed
with ``unsafe=True``. Rewrite the snapshot only for a change of the rules' results that is
meant (and say so in the commit), never to make a speed change pass.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SNAPSHOT = ROOT / "tests" / "snapshots" / "findings.json"
CORPUS = ROOT.parent / "shared" / "corpus"
FOLDERS = ("dev/mt", "dev/pro", "dev2/mt", "dev2/pro", "seed")


def finding_record(f) -> list:  # type: ignore[no-untyped-def]
    ed = f.edit
    return [
        f.code, f.name, f.message, str(f.severity), f.start, f.end, f.line, f.column, f.end_line, f.end_column,
        f.file_start, f.file_end, f.matched, None if ed is None else [ed.start, ed.end, ed.replacement,
                                                                     str(ed.applicability)],
        list(f.suggestions), f.data, f.fix_withheld,
    ]


def digest(obj: object) -> str:
    from procutext.data import data_dir

    blob = json.dumps(obj, ensure_ascii=False, sort_keys=True, default=repr, separators=(",", ":"))
    # a glossary finding's data names the file it comes from ("origin"): where the clone is
    # does not count
    blob = blob.replace(json.dumps(str(data_dir()))[1:-1], "<data>")
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:32]


def measure(text: str, kind: str = "text") -> dict[str, object]:
    import procutext

    found = procutext.check(text, kind=kind)
    fixed = procutext.fix(text, kind=kind)
    unsafe = procutext.fix(text, kind=kind, unsafe=True)
    return {
        "findings": len(found),
        "check": digest([finding_record(f) for f in found]),
        "fix": digest([fixed.text, fixed.passes, [finding_record(f) for f in fixed.applied],
                       [finding_record(f) for f in fixed.remaining]]),
        "unsafe": digest([unsafe.text, len(unsafe.applied), len(unsafe.remaining)]),
    }


def corpus_text(path: Path) -> str:
    t = path.read_text(encoding="utf-8")
    return t.split("\n", 1)[1] if t.startswith("# source:") and "\n" in t else t


def inputs(corpus: Path | None = CORPUS) -> dict[str, tuple[str, str]]:
    """name -> (text, kind)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from synth import build

    synth = build(300_000)
    out = {"synth": (synth, "text"), "synth.md": (synth[:100_000], "markdown")}
    if corpus is not None and corpus.is_dir():
        for folder in FOLDERS:
            texts = []
            for p in sorted((corpus / folder).glob("*.txt")):
                text = corpus_text(p)
                out[f"{folder}/{p.name}"] = (text, "text")
                texts.append(text)
            if len(texts) > 1:
                out[f"{folder}/*"] = ("\n\n".join(texts), "text")
    return out


def snapshot(corpus: Path | None = CORPUS) -> dict[str, dict[str, object]]:
    return {name: measure(text, kind) for name, (text, kind) in inputs(corpus).items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--check", action="store_true", help="compare with the snapshot, write nothing")
    args = ap.parse_args(argv)
    now = snapshot()
    if args.check:
        old = json.loads(SNAPSHOT.read_text(encoding="utf-8"))["inputs"]
        bad = [k for k in now if k in old and old[k] != now[k]]
        for k in bad:
            print(f"differs: {k}: {old[k]} -> {now[k]}")
        print(f"{len(now) - len(bad)} of {len(now)} inputs identical")
        return 1 if bad else 0
    if not CORPUS.is_dir():
        print(f"{CORPUS} is missing: the snapshot would lose the corpus inputs; not written")
        return 1
    SNAPSHOT.write_text(json.dumps({"version": 1, "inputs": now}, indent=1, sort_keys=True) + "\n",
                        encoding="utf-8")
    print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(now)} inputs")
    return 0


if __name__ == "__main__":
    sys.exit(main())
