"""What rules may consult besides the document: settings now, glossary and gazetteer later.

A Context is built once and shared read-only; it is picklable so that the same rules can
run in a process pool.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .glossary import Glossary
    from .places import Gazetteer

QUOTE_STYLES = ("keep", "straight", "curly")
#: the language of the checked text: "auto" (decided line by line, see
#: procutext.analysis.line_classes), "en" (all English) or "zh" (all Chinese)
LANGS = ("auto", "en", "zh")


@dataclass(frozen=True)
class Context:
    quote_style: str = "keep"
    #: minimum number of Han characters for a Han-majority line to count as a Chinese
    #: segment (kept intact) rather than leftover Chinese in English text.
    chinese_segment_min_han: int = 12
    #: the glossary for the term rules; None means the shipped one (loaded on first use)
    glossary: "Glossary | None" = None
    #: the gazetteer for the place rules; None means the shipped one (loaded on first use)
    gazetteer: "Gazetteer | None" = None
    #: the language of the text (:data:`LANGS`): with "zh" only the Chinese rules run, with
    #: "en" no line counts as Chinese
    lang: str = "auto"
    #: convert traditional characters to simplified (``--to-simplified``): PT805's fixes
    #: become safe, since the user asked for the conversion
    to_simplified: bool = False

    def get_gazetteer(self) -> "Gazetteer":
        if self.gazetteer is not None:
            return self.gazetteer
        return _default("places", "default_gazetteer")()

    def get_glossary(self) -> "Glossary":
        if self.glossary is not None:
            return self.glossary
        return _default("glossary", "default_glossary")()

    def __post_init__(self) -> None:
        if self.quote_style not in QUOTE_STYLES:
            raise ValueError(
                f"quote-style must be one of {', '.join(QUOTE_STYLES)}, not {self.quote_style!r}"
            )
        if self.lang not in LANGS:
            raise ValueError(f"lang must be one of {', '.join(LANGS)}, not {self.lang!r}")


DEFAULT_CONTEXT = Context()

#: the functions that give the shipped data, imported on first use: rules ask for them
#: several times per document, and an import statement in a function cost more than the
#: call (3 % of a check of an empty text, profiled)
_defaults: dict[str, Any] = {}


def _default(module: str, name: str) -> Any:
    func = _defaults.get(name)
    if func is None:
        import importlib

        func = _defaults[name] = getattr(importlib.import_module(f".{module}", __package__), name)
    return func
