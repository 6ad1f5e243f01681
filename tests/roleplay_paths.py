"""Paths through a shipped role-play for tests: to the best ending, or to the first ending with another outcome."""

from __future__ import annotations

from academy.content.roleplay import Roleplay
from academy.content.roleplay_play import best_path, walk


def path_to(rp: Roleplay, outcome: str) -> list[str]:
    """The choice ids of a path to an ending with this outcome (the best path for "good")."""
    if outcome == "good":
        return best_path(rp)

    def search(ids: list[str]) -> list[str] | None:
        node = rp.nodes[walk(rp, ids).current]
        if node.is_ending:
            return ids if node.outcome == outcome else None
        for choice in node.choices:
            if (found := search([*ids, choice.id])) is not None:
                return found
        return None

    found = search([])
    assert found is not None, f"{rp.id} has no {outcome} ending"
    return found
