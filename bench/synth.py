"""A deterministic synthetic English text made of the defect patterns procutext targets,
mixed with clean sentences. Written for the benchmarks; no third-party text."""

from __future__ import annotations

import random

CLEAN = [
    "The district procuratorate reviewed {n} cases of telecom fraud in the first half of the year.",
    "Prosecutors visited {n} schools to explain the Law on the Protection of Minors to students and parents.",
    "The procuratorial committee discussed the case and decided not to approve the arrest.",
    "Public interest litigation helped restore {n} hectares of wetland along the Yangtze River.",
    "The chief procurator said that legal supervision must serve the overall development of the city.",
    "A hearing was held with people's supervisors, lawyers and community representatives.",
    "The higher-level procuratorate issued guidance on handling cases involving private enterprises.",
    "Officers of the public security bureau and procurators signed a cooperation agreement.",
]
DEFECTS = [
    "Since this year“ Dandelion ”“ Protect private enterprises ”We analysed the existing problems.",
    'The " one-stop " centre was built by the procuratorate and the police.',
    "The meeting stressed the work of the procuratorate，and asked for results。",
    "Leaders of the district（county）procuratorate attended the meeting；they spoke in turn.",
    "The brand matrix of the Bay 沚 procuratorial work played a leading role .",
    "The procuratorate   held a promotion meeting on brand creation.",
    "We should study the 《Law on the Protection of Minors》——and apply it in every case.",
    "more than 1,600\"one-stop\" interview areas were set up in {n} towns.",
]
LINES = [
    "Current location: home page >> Procuratorial window",
    "Time: July 11, 2023 Author: News source: [Font size: large | in | Small",
    "Swipe left and right to see more",
    "Print this page",
    "1、 Focus on the central work and serve the overall development",
    "（二）Strengthen the team",
    "   Dear delegates,",
    "Close window",
]


def build(size: int, seed: int = 7) -> str:
    rnd = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < size:
        if rnd.random() < 0.25:
            line = rnd.choice(LINES)
        else:
            sentences = [
                (rnd.choice(DEFECTS) if rnd.random() < 0.3 else rnd.choice(CLEAN)).format(n=rnd.randint(2, 999))
                for _ in range(rnd.randint(2, 6))
            ]
            line = " ".join(sentences)
        parts.append(line)
        parts.append("\n\n" if rnd.random() < 0.7 else "\n")
        total += len(line) + 2
    return "".join(parts)
