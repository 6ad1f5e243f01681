"""Fixed facts of the frameworks that code relies on, keyed by the term ids of the modules.

The names and definitions are content (the module files); these are the orders and weights that
diagrams and tools compute with. `tests/test_content_map.py` checks them against the module files.
"""

from __future__ import annotations

# M3: the three "souls" of a seller (the `soul` of each seller type), in the order the levels combine them
SOULS: tuple[str, ...] = ("attack", "control", "support")
# M7: how much a decision role weighs (decider most), and how far a stance is from a champion
ROLE_WEIGHT: dict[str, int] = {"decider": 4, "evaluator": 3, "screener": 2, "user": 1}
STANCE: dict[str, int] = {"champion": 0, "supporter": 1, "neutral": 2, "enemy": 3, "blocker": 4}
# M8: the six steps of the sales cycle, in order (deal plans store their dates under these ids)
CYCLE_STEPS: tuple[str, ...] = (
    "cycle-visit",
    "cycle-needs-concrete",
    "cycle-proposal",
    "cycle-presentation",
    "cycle-negotiation",
    "cycle-signing",
)
# M6 and M7: the personalities, and the rows of the selling-points tool (the four decision roles and the maintainer)
PERSONALITIES: tuple[str, ...] = ("tiger", "peacock", "koala", "owl")
SELLING_ROLES: tuple[str, ...] = ("decider", "evaluator", "screener", "maintainer", "user")
