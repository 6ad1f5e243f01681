"""Moodle XML question exchange and trainers' question sets: export, import (all or nothing, problems named),
round trips, a file written as Moodle writes it, and a set used in a live quiz and as a cohort's practice quiz.
"""

from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from academy.classroom import cohorts, live, practice
from academy.content.loader import Course
from academy.core.db import session_scope
from academy.core.models import QuestionSet, QuestionSetOffer, ReviewCard, Role
from academy.integrations import moodle_export, moodle_import
from academy.learning import question_sets, question_source, quiz
from tests.learning_activity import person, right

FIXTURES = Path(__file__).parent / "fixtures" / "moodle"


def questions_of(xml: bytes) -> list[bytes]:
    """The question elements of a file, categories left out, as canonical bytes."""
    root = ET.fromstring(xml)
    return [ET.tostring(q) for q in root.findall("question") if q.get("type") != "category"]


def meaning(question) -> tuple:
    """What a learner sees and what counts as right, without ids (scenario and single read the same)."""
    keyed = [(o.text, o.id in question.answer) for o in question.options]
    if question.type == "true_false":
        keyed = [o.id in question.answer for o in question.options]  # Moodle's true/false carries no labels
    kind = "single" if question.type == "scenario" else question.type
    return kind, question.prompt, question.explanation, keyed, question.left, question.right


def import_file(session: Session, trainer, xml: bytes, name: str = "Imported") -> QuestionSet:
    row = moodle_import.import_set(session, trainer=trainer, name=name, filename="file.xml", data=xml)
    session.commit()
    return row


def test_the_whole_bank_goes_to_moodle_and_back_unchanged(session: Session, course: Course) -> None:
    trainer = person(session, "tina", Role.trainer)
    first = moodle_export.export(moodle_export.course_groups(course))
    stored = import_file(session, trainer, first, "Whole bank")
    again = moodle_export.export(moodle_export.set_groups(stored.name, question_sets.items(stored)))
    assert len(questions_of(first)) == len(course.questions()) == len(question_sets.items(stored))
    assert questions_of(again) == questions_of(first)
    # the meaning survives too: the same texts, and the same options are right (ids may differ)
    for item, original in zip(question_sets.items(stored), course.questions(), strict=True):
        assert item.name == original.id
        assert meaning(item.question) == meaning(original)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_one_file_per_language_imports_in_that_language(session: Session, course: Course, lang: str) -> None:
    trainer = person(session, "tina", Role.trainer)
    module = course.modules[2]
    xml = moodle_export.export(moodle_export.course_groups(course, module.id), lang=lang)
    assert b"multilang" not in xml
    stored = import_file(session, trainer, xml)
    for item, original in zip(question_sets.items(stored), course.questions(module.id), strict=True):
        said = getattr(original.prompt, lang)
        assert item.question.prompt.zh == item.question.prompt.en == said


def test_a_file_exported_by_moodle_imports(session: Session) -> None:
    trainer = person(session, "tina", Role.trainer)
    stored = import_file(session, trainer, (FIXTURES / "from-moodle.xml").read_bytes(), "Negotiation")
    items = question_sets.items(stored)
    assert [(i.name, i.question.type) for i in items] == [
        ("Walk-away point", "single"),
        ("Signals of a real buyer", "multiple"),
        ("Price first", "true_false"),
        ("Roles in the room", "matching"),
        ("Steps of a visit", "ordering"),
    ]
    walk, signals, price, roles, steps = (i.question for i in items)
    assert walk.prompt.en == "Before a price negotiation, what should you fix **first**?"  # HTML became Markdown
    assert walk.answer == ["a"] and walk.options[0].text.en == "Your walk-away point"
    assert signals.prompt.zh == "哪些迹象说明对方真的想买？" and signals.answer == ["a", "b"]
    # no general feedback: the right answers' feedback explains the answer, in each language
    assert signals.explanation.zh == "在想用起来以后的事。\n\n在为内部决策做准备。"
    assert price.answer == ["false"] and price.explanation.en.startswith("Price is settled last")
    assert [r.en for r in roles.right] == ["User", "Economic buyer", "Technical buyer"]
    assert steps.options[0].text.en == "Research the account"
    assert [i.question.id for i in items] == [f"set-{stored.id}-q{n}" for n in range(1, 6)]


def test_a_file_with_problems_names_each_and_stores_nothing(session: Session) -> None:
    trainer = person(session, "tina", Role.trainer)
    with pytest.raises(moodle_import.MoodleImportError) as caught:
        import_file(session, trainer, (FIXTURES / "problems.xml").read_bytes())
    named = [(p.number, p.name, p.field, p.key) for p in caught.value.problems]
    assert named == [
        (1, "Describe your last deal", "type", "mx_err_type"),
        (2, "Half right", "answer 2", "mx_err_partial"),
        (3, "With a distractor", "subquestion 3", "mx_err_distractor"),
        (4, "With a picture", "questiontext", "mx_err_files"),
        (5, "Four of six", "selecttype", "mx_err_subset"),
        (6, "No feedback at all", "generalfeedback", "mx_err_no_feedback"),
    ]
    assert session.exec(select(func.count()).select_from(QuestionSet)).one() == 0


@pytest.mark.parametrize(
    ("data", "key"),
    [
        (b"<quiz><question type='multichoice'>", "mx_err_not_xml"),
        (b"<?xml version='1.0'?><assessment/>", "mx_err_not_moodle"),
        (b"<quiz><question type='category'/></quiz>", "mx_err_no_questions"),
        (b"<!DOCTYPE quiz [<!ENTITY a 'aaaa'>]><quiz>&a;</quiz>", "mx_err_not_xml"),  # entities: refused
        (b" " * (moodle_import.FILE_MAX + 1), "mx_err_file_size"),
    ],
)
def test_a_file_that_is_not_a_moodle_quiz_is_refused(data: bytes, key: str) -> None:
    with pytest.raises(moodle_import.MoodleImportError) as caught:
        moodle_import.read(data)
    assert [(p.number, p.field, p.key) for p in caught.value.problems] == [(0, "file", key)]


def test_only_trainers_import_and_names_are_unique_per_trainer(session: Session) -> None:
    trainer, ann = person(session, "tina", Role.trainer), person(session, "ann")
    xml = (FIXTURES / "from-moodle.xml").read_bytes()
    with pytest.raises(question_sets.QuestionSetError, match="err_not_allowed"):
        import_file(session, ann, xml)
    import_file(session, trainer, xml, "Negotiation")
    with pytest.raises(question_sets.QuestionSetError, match="qs_err_name_taken"):
        import_file(session, trainer, xml, " Negotiation ")
    session.rollback()
    assert [s.name for s in question_sets.own_sets(session, trainer_id=trainer.id)] == ["Negotiation"]


def test_a_set_runs_as_a_live_quiz_and_as_a_cohorts_practice_quiz(session: Session, course: Course) -> None:
    trainer, other = person(session, "tina", Role.trainer), person(session, "otto", Role.trainer)
    ann, bob = person(session, "ann"), person(session, "bob")
    stored = import_file(session, trainer, (FIXTURES / "from-moodle.xml").read_bytes(), "Negotiation")
    ids = [i.question.id for i in question_sets.items(stored)]

    # live: the trainer's own set only; answers are scored from the stored questions
    with pytest.raises(live.LiveError, match="cls_set_gone"):
        live.start_session(session, trainer=other, course=course, title="Not mine", question_ids=ids)
    run = live.start_session(session, trainer=trainer, course=course, title="Negotiation", question_ids=ids)
    session.commit()
    live.open_next(session, trainer=trainer, live_id=run.id)
    seat = live.join(session, code=run.code, user=ann)
    session.commit()
    answer = live.submit(session, token=seat.token, question_index=0, response=["a"], course=course)
    assert answer.score == 1.0 and answer.question_id == ids[0]
    # a set cannot be deleted while a live quiz from it runs
    with pytest.raises(question_sets.QuestionSetError, match="qs_err_in_use"):
        question_sets.delete(session, trainer_id=trainer.id, set_id=stored.id)
    live.end(session, trainer=trainer, live_id=run.id)
    session.commit()

    # practice: offered to the trainer's cohort, sat by its members, not by others
    cohort = cohorts.create_cohort(session, trainer=trainer, name="Spring")
    cohorts.join_cohort(session, user=ann, code=cohort.join_code)
    session.commit()
    with pytest.raises(question_sets.QuestionSetError, match="qs_err_not_found"):  # not the other trainer's set
        practice.offer(session, trainer=other, set_id=stored.id, cohort_id=cohort.id, offered=True)
    practice.offer(session, trainer=trainer, set_id=stored.id, cohort_id=cohort.id, offered=True)
    practice.offer(session, trainer=trainer, set_id=stored.id, cohort_id=cohort.id, offered=True)  # once
    session.commit()
    assert practice.offered_to(session, trainer=trainer, set_id=stored.id) == [cohort.id]
    assert [s.id for s in practice.available(session, user=ann)] == [stored.id]
    assert practice.available(session, user=bob) == []
    with pytest.raises(question_sets.QuestionSetError, match="qs_err_not_found"):
        practice.start(session, user=bob, course=course, set_id=stored.id, pass_mark=0.8)
    attempt = practice.start(session, user=ann, course=course, set_id=stored.id, pass_mark=0.8, seed=1)
    assert sorted(item["q"] for item in attempt.layout) == sorted(ids)
    layout = [dict(item) for item in attempt.layout]
    resumed = practice.start(session, user=ann, course=course, set_id=stored.id, pass_mark=0.8)  # a reload
    assert resumed.id == attempt.id and resumed.layout == layout  # a set's questions are not "retired" ones
    for item in attempt.layout:
        question = question_source.question(session, course=course, question_id=item["q"])
        response = right(question) if question.type != "single" else ["b"]  # one wrong answer
        quiz.submit_answer(
            session, user_id=ann.id, attempt_id=attempt.id, question_id=item["q"], response=response, course=course
        )
    done = quiz.finish_attempt(session, user_id=ann.id, attempt_id=attempt.id, course=course)
    session.commit()
    assert done.score == pytest.approx(0.8) and done.passed
    assert session.exec(select(ReviewCard)).all() == []  # review covers the course's questions only

    question_sets.delete(session, trainer_id=trainer.id, set_id=stored.id)
    session.commit()
    assert session.exec(select(QuestionSetOffer)).all() == []
    assert practice.available(session, user=ann) == []
    with pytest.raises(KeyError):
        question_source.question(session, course=course, question_id=ids[0])


def test_deleting_a_set_and_starting_a_live_quiz_from_it_at_once(db_url: str, course: Course) -> None:
    """Either the quiz starts and the set stays, or the set goes and the quiz is refused: never a quiz without it."""
    with session_scope(db_url) as s:
        trainer = person(s, "tina", Role.trainer)
        stored = import_file(s, trainer, (FIXTURES / "from-moodle.xml").read_bytes())
        ids = [i.question.id for i in question_sets.items(stored)]
        set_id = stored.id
    barrier = threading.Barrier(2)
    outcome: dict[str, str] = {}

    def start() -> None:
        barrier.wait()
        try:
            with session_scope(db_url) as s:
                live.start_session(
                    s, trainer=s.get(type(trainer), trainer.id), course=course, title="t", question_ids=ids
                )
            outcome["start"] = "ok"
        except live.LiveError as err:
            outcome["start"] = err.key

    def remove() -> None:
        barrier.wait()
        try:
            with session_scope(db_url) as s:
                question_sets.delete(s, trainer_id=trainer.id, set_id=set_id)
            outcome["delete"] = "ok"
        except question_sets.QuestionSetError as err:
            outcome["delete"] = err.key

    threads = [threading.Thread(target=start), threading.Thread(target=remove)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert outcome in ({"start": "ok", "delete": "qs_err_in_use"}, {"start": "cls_set_gone", "delete": "ok"})
