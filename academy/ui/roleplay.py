"""Pieces of the Role-play page: the scenario list, the conversation, the choices and the debrief.

The live class role-play (academy/ui/live_roleplay.py) shows the same conversation and debrief.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Sequence

import streamlit as st

from academy.content.loader import Course
from academy.content.roleplay import Choice, LessonRef, Node, Roleplay, best_steps
from academy.content.roleplay_play import InvalidChoice, best_achievable, play
from academy.learning.charts import roleplay_dimensions, roleplay_records
from academy.learning.roleplay import ScenarioRecord, overall_percent
from academy.ui.state import lang, tt
from academy.ui.widgets import markdown, text

PAGE = "views/roleplay.py"
OUTCOME_ICON = {"good": ":material/sentiment_satisfied:", "mixed": ":material/sentiment_neutral:"}
OUTCOME_ICON["bad"] = ":material/sentiment_dissatisfied:"
CLIENT_AVATAR, LEARNER_AVATAR = ":material/person:", ":material/record_voice_over:"


def client_label(rp: Roleplay) -> str:
    return f"{text(rp.client.name)} · {text(rp.client.title)}"


def lesson_link(course: Course, ref: LessonRef, link: bool = True) -> None:
    """Where the principle is taught: a link to the module, or its name alone where no link may lead (a guest's
    phone in class reaches no lesson page, and should not leave the session anyway)."""
    module = course.module(ref.module)
    section = next(s for s in module.sections if s.id == ref.section)
    if not link:
        st.caption(
            f":material/menu_book: {tt('rp_lesson_link', section=text(section.title), module=text(module.title))}"
        )
        return
    st.page_link(
        "views/module.py",
        label=tt("rp_lesson_link", section=text(section.title), module=text(module.title)),
        icon=":material/menu_book:",
        query_params={"m": module.id},
    )


def module_links(course: Course, module_id: str) -> None:
    """On a module page: its role-plays, each a link into the Role-play page."""
    for rp in course.roleplays_for(module_id):
        st.page_link(
            PAGE,
            label=f"{tt('nav_roleplay')}: {text(rp.title)}",
            icon=":material/forum:",
            query_params={"rp": rp.id},
        )


def scenario_list(course: Course, records: Sequence[ScenarioRecord]) -> None:
    """Every scenario, grouped by the module it counts towards: the client, the setting, the goal, a Play link."""
    mine = {r.roleplay_id: r for r in records}
    for module in course.modules:
        scenarios = course.roleplays_for(module.id)
        if not scenarios:
            continue
        st.subheader(text(module.title))
        for rp in scenarios:
            with st.container(border=True, key=f"scenario-{rp.id}"):
                left, right = st.columns([5, 1], vertical_alignment="center")
                left.markdown(f"**{text(rp.title)}**")
                left.caption(f":material/person: {client_label(rp)}")
                with left:
                    markdown(rp.summary)
                record = mine.get(rp.id)
                if record is not None:
                    left.caption(tt("rp_record", n=record.plays, best=record.best, latest=record.latest))
                right.page_link(PAGE, label=tt("rp_open"), icon=":material/play_arrow:", query_params={"rp": rp.id})
                with st.expander(tt("rp_setting_and_goal")):
                    markdown(rp.setting)
                    st.markdown(f"**{tt('rp_goal')}**")
                    markdown(rp.goal)


def records_chart(course: Course, records: Sequence[ScenarioRecord]) -> None:
    rows = [
        (text(course.roleplays[r.roleplay_id].title), r.best, r.latest)
        for r in records
        if r.roleplay_id in course.roleplays
    ]
    if rows:
        st.subheader(tt("rp_my_results"))
        st.plotly_chart(roleplay_records(rows, lang()), key="rp-records")


def briefing(rp: Roleplay) -> None:
    """Before the first line: who the client is, the situation and the goal."""
    st.markdown(f"**{tt('rp_client')}**: {client_label(rp)}")
    markdown(rp.setting)
    st.info(f"**{tt('rp_goal')}**: {text(rp.goal)}", icon=":material/flag:")


def client_says(rp: Roleplay, node: Node) -> None:
    if node.narration is not None:
        st.caption(f":material/movie: {text(node.narration)}")  # what happens, told, not said by the client
    with st.chat_message("client", avatar=CLIENT_AVATAR):
        st.markdown(f"**{text(rp.client.name)}**: {text(node.line)}")


def _points(course: Course, choice: Choice) -> str:
    badges = []
    for dim, points in choice.scores.items():
        colour = "green" if points > 0 else "red" if points < 0 else "gray"
        name = text(course.roleplay_dimensions[dim].name) if dim in course.roleplay_dimensions else dim
        badges.append(f":{colour}-badge[{name} {points:+d}]")
    return " ".join(badges)


def exchange(
    course: Course, rp: Roleplay, node: Node, choice: Choice, key: str, who: str | None = None, links: bool = True
) -> None:
    """One turn played: the client's line, the learner's (or the class's) line, the reaction and the feedback."""
    client_says(rp, node)
    with st.chat_message("learner", avatar=LEARNER_AVATAR):
        st.markdown(f"**{who or tt('rp_you')}**: {text(choice.line)}")
    with st.chat_message("client", avatar=CLIENT_AVATAR):
        markdown(choice.reaction)
    with st.container(border=True, key=f"feedback-{key}"):
        st.markdown(f":material/school: **{tt('rp_coach')}** {_points(course, choice)}")
        markdown(choice.feedback)
        lesson_link(course, choice.lesson, link=links)


def conversation(course: Course, rp: Roleplay, choice_ids: Sequence[str], key: str) -> None:
    """Every turn played so far, in order."""
    steps = play(rp, choice_ids).walk
    for i, (node_id, choice) in enumerate(zip(steps.nodes, steps.choices, strict=False)):
        exchange(course, rp, rp.nodes[node_id], choice, key=f"{key}-{i}")


def last_exchange(course: Course, rp: Roleplay, choice_ids: Sequence[str], key: str) -> None:
    """The final turn, so the line that ended the conversation is seen with its reaction before the debrief."""
    try:
        steps = play(rp, choice_ids).walk
    except InvalidChoice:
        return
    if steps.choices:
        exchange(course, rp, rp.nodes[steps.nodes[-2]], steps.choices[-1], key=f"{key}-last")


def shuffled(node: Node, seed: str) -> list[Choice]:
    """The choices in an order fixed per attempt: the best line is not always where the author wrote it."""
    order = list(node.choices)
    random.Random(seed).shuffle(order)
    return order


def choose(rp: Roleplay, node_id: str, seed: str, on_choice: Callable[[str], None]) -> None:
    """The current turn: narration, the client's line, and the learner's choices as buttons."""
    node = rp.nodes[node_id]
    client_says(rp, node)
    st.markdown(f"**{tt('rp_your_turn')}**")
    for choice in shuffled(node, f"{seed}-{node_id}"):
        st.button(
            text(choice.line),
            key=f"choice-{seed}-{choice.id}",
            width="stretch",
            on_click=on_choice,
            args=(choice.id,),
        )


def ending(node: Node) -> None:
    """How the conversation ended: the outcome in words (not only a colour), its title and what happened next."""
    body = f"{tt('rp_outcome_' + node.outcome)}\n\n**{text(node.title)}**\n\n{text(node.text)}"
    icon = OUTCOME_ICON[node.outcome]
    if node.outcome == "good":
        st.success(body, icon=icon)
    elif node.outcome == "mixed":
        st.warning(body, icon=icon)
    else:
        st.error(body, icon=icon)


def debrief(course: Course, rp: Roleplay, choice_ids: Sequence[str], key: str, who: str | None = None) -> None:
    """After the conversation: the ending, the path against the best path, the scores and what to read again."""
    try:
        result = play(rp, choice_ids)
    except InvalidChoice:  # the scenario was rewritten since this attempt: its stored score still stands
        st.warning(tt("rp_changed"))
        return
    if result.ending is not None:
        ending(result.ending)
    total = overall_percent(result.score, result.best_score)
    st.metric(tt("rp_score"), f"{total}%", help=tt("rp_score_help", score=result.score, best=result.best_score))

    st.subheader(tt("rp_path_vs_best"))
    best = best_steps(rp)
    if result.divergence is None and result.ended:
        st.success(tt("rp_on_best_path"), icon=":material/verified:")
    elif result.divergence is not None:
        d = result.divergence
        node = rp.nodes[d.node]
        st.markdown(tt("rp_left_at", n=d.step + 1, line=text(node.line)))
        left, right = st.columns(2)
        left.error(f"**{who or tt('rp_you')}**: {text(rp.choice(d.node, d.chosen).line)}", icon=":material/call_split:")
        right.success(f"**{tt('rp_best_line')}**: {text(rp.choice(d.node, d.best).line)}", icon=":material/star:")
    left, right = st.columns(2)
    with left, st.container(key=f"path-{key}"):
        st.markdown(f"**{tt('rp_your_path') if who is None else tt('rp_class_path')}**")
        st.markdown(_numbered(result.walk.choices, [c.id for _, c in best]))
    with right, st.container(key=f"best-{key}"):
        st.markdown(f"**{tt('rp_best_path')}**")
        best_end = rp.nodes[best[-1][1].next] if best else None
        st.markdown(_numbered([c for _, c in best], [c.id for _, c in best]))
        if best_end is not None:
            st.caption(f"{OUTCOME_ICON['good']} {text(best_end.title)}")

    st.subheader(tt("rp_by_dimension"))
    top = best_achievable(rp)
    rows = [(text(course.roleplay_dimensions[d].name), result.totals[d], top[d]) for d in rp.dimensions]
    st.plotly_chart(roleplay_dimensions(rows, lang()), key=f"dims-{key}")

    st.subheader(tt("rp_read_again"))
    if not result.review:
        st.caption(tt("rp_nothing_to_read"))
    for ref in result.review:
        lesson_link(course, ref)


def _numbered(choices: Sequence[Choice], best: Sequence[str]) -> str:
    """A numbered list of lines: a tick while on the best path, a cross where it was left, then each line's points."""
    lines = []
    off = False
    for i, choice in enumerate(choices):
        if not off and i < len(best) and best[i] == choice.id:
            mark = ":green[:material/check:]"
        else:
            mark = ":red[:material/close:]" if not off else ":gray[:material/more_horiz:]"
            off = True
        lines.append(f"{i + 1}. {mark} {text(choice.line)} ({choice.total:+d})")
    return "\n".join(lines) or "—"
