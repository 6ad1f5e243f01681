"""How-to cards: for a checklist behaviour, what it means, doing it well and badly, and where the course trains it."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from academy.checklist import rates
from academy.content.schema import TrainedBy
from academy.ui.checklist.common import ChecklistContext, pct
from academy.ui.state import course, tt
from academy.ui.widgets import text


def howto_card(ctx: ChecklistContext, item_id: str) -> None:
    """One behaviour's card. The texts are the course's own (content/checklist.yaml), never a user's."""
    item = next(item for _, item in ctx.items if item.id == item_id)
    card = item.howto
    st.markdown(f"**{tt('ck_howto_means')}**  \n{text(card.means)}")
    well, badly = st.columns(2)
    well.markdown(f":green[**:material/thumb_up: {tt('ck_howto_well')}**]  \n{text(card.well)}")
    badly.markdown(f":red[**:material/thumb_down: {tt('ck_howto_badly')}**]  \n{text(card.badly)}")
    st.caption(tt("ck_howto_trained"))
    for n, link in enumerate(card.trained_by):
        _link(link, f"{item_id}-{n}")


def _link(link: TrainedBy, key: str) -> None:
    """A lesson section opens its module; a role-play opens the module it trains, where it is played."""
    c = course()
    if link.roleplay is not None:
        roleplay = c.roleplays[link.roleplay]
        module = c.module(roleplay.module)
        label = tt("ck_howto_roleplay", title=text(roleplay.title), module=text(module.title))
        icon = ":material/theater_comedy:"
    else:
        module = c.module(link.module)
        section = next(s for s in module.sections if s.id == link.section)
        label = f"{text(module.title)} · {text(section.title)}"
        icon = ":material/menu_book:"
    st.page_link("views/module.py", label=label, icon=icon, query_params={"m": module.id})


def howto_picker(ctx: ChecklistContext) -> None:
    """Under the log's table: pick any behaviour of the list and read its card."""
    chosen = st.selectbox(
        tt("ck_howto_pick"),
        [item.id for _, item in ctx.items],
        index=None,
        placeholder=tt("ck_howto_placeholder"),
        format_func=ctx.labels.get,
        key="ck-howto",
    )
    if chosen is not None:
        with st.container(border=True):
            howto_card(ctx, chosen)


def weakest_cards(ctx: ChecklistContext, weekly: pd.DataFrame, n: int = 5) -> None:
    """Under the weakest-behaviours chart: the same behaviours, each with its card."""
    worst = rates.weakest(weekly, n, item_ids=ctx.labels)
    if worst.empty:
        return
    st.markdown(f"**{tt('ck_weakest_cards')}**")
    for row in worst.itertuples():
        title = tt(
            "ck_weakest_card_title",
            behaviour=ctx.labels[row.item_id],
            rate=pct(row.rate),
            done=row.fulfilled,
            came=row.executed,
        )
        with st.expander(title, icon=":material/lightbulb:"):
            howto_card(ctx, row.item_id)
