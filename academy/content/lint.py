"""Question lint: figures over the whole bank that say whether its scores can mean something.

Pure functions over a loaded Course (no Streamlit, no database). Each rule gives a figure, the
threshold it is held to and the ids that break it; `python -m academy lint-questions` prints them
and fails when any rule fails, and tests/test_question_lint.py runs the same rules.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

from academy.content.loader import Course
from academy.content.schema import L10n, Module, Question

LENGTH_CUE_MAX = 0.30  # share of single/scenario questions whose key is the uniquely longest option
TRUE_SHARE_MIN, TRUE_SHARE_MAX = 0.40, 0.60  # share of true/false questions keyed True
APPLICATION_MIN = 0.70  # share of each module's questions that ask for application, not recall
ROLEPLAY_CUE_MAX = 1 / 3  # share of a role-play's turns whose best line is the uniquely longest


@dataclass(frozen=True)
class RuleResult:
    rule: str  # stable name, used by tests and in the report
    title: str
    figure: str  # what was measured, e.g. "21/70 (30%)"
    threshold: str
    passed: bool
    offenders: list[str] = field(default_factory=list)  # question ids, "module: section", ...


def _share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({part / whole:.0%})" if whole else "0/0"


def _uniquely_longest(question: Question, lang: str) -> bool:
    lengths = {o.id: len(o.text.get(lang)) for o in question.options}
    longest = max(lengths.values())
    winners = [i for i, n in lengths.items() if n == longest]
    return winners == list(question.answer)


def length_cue(course: Course) -> RuleResult:
    """A test-wise learner who always picks the longest option must not do well."""
    pool = [q for q in course.questions() if q.type in ("single", "scenario")]
    cued = [q.id for q in pool if _uniquely_longest(q, "zh") or _uniquely_longest(q, "en")]
    share = len(cued) / len(pool) if pool else 0.0
    return RuleResult(
        "length-cue",
        "keyed option is the uniquely longest (zh or en), single and scenario questions",
        _share(len(cued), len(pool)),
        f"<= {LENGTH_CUE_MAX:.0%}",
        share <= LENGTH_CUE_MAX,
        cued if share > LENGTH_CUE_MAX else [],
    )


def true_false_balance(course: Course) -> RuleResult:
    """Guessing 'False' every time must not pay."""
    pool = [q for q in course.questions() if q.type == "true_false"]
    keyed_true = [q.id for q in pool if q.answer == ["true"]]
    keyed_false = [q.id for q in pool if q.answer == ["false"]]
    share = len(keyed_true) / len(pool) if pool else 0.5
    passed = TRUE_SHARE_MIN <= share <= TRUE_SHARE_MAX
    return RuleResult(
        "true-false-balance",
        "true/false questions keyed True",
        _share(len(keyed_true), len(pool)),
        f"{TRUE_SHARE_MIN:.0%} to {TRUE_SHARE_MAX:.0%}",
        passed,
        [] if passed else (keyed_false if share < TRUE_SHARE_MIN else keyed_true),
    )


def multiple_right_counts(course: Course) -> RuleResult:
    """How many options are right must not be guessable: it varies, and is never all of them."""
    pool = [q for q in course.questions() if q.type == "multiple"]
    counts = Counter(len(q.answer) for q in pool)
    all_right = [q.id for q in pool if len(q.answer) == len(q.options)]
    varies = len(counts) >= 2 or len(pool) < 2
    figure = ", ".join(f"{n} right: {counts[n]}" for n in sorted(counts)) + f"; all options right: {len(all_right)}"
    return RuleResult(
        "multiple-right-count",
        "multiple choice: number of right options",
        figure,
        "at least two different counts; never all options",
        varies and not all_right,
        all_right if varies else all_right + [q.id for q in pool],
    )


# An explanation is read after the options were shuffled and shown without letters or fixed places.
_POSITION_PATTERNS = [
    re.compile(r"\b(?:options?|answers?|choices?)\s*\(?[a-eA-E]\b(?![-'’])", re.IGNORECASE),
    re.compile(
        r"\b(?:first|second|third|fourth|fifth|last|final|top|bottom)\s+(?:(?:two|three)\s+)?(?:options?|answers?)\b",
        re.IGNORECASE,
    ),
    re.compile(r"\b(?:options?|answers?|choices?)\s+(?:one|two|three|four|five|[1-5])\b", re.IGNORECASE),
    re.compile(r"选项\s*[A-Ea-e1-5]|选\s*[A-Ea-e](?![A-Za-z])"),
    re.compile(r"[(（]\s*[a-e](?:\s*(?:,|，|、|and|or)\s*[a-e])*\s*[)）]"),  # "(a, c)", "（d）"
    re.compile(r"\b[b-e]\s+(?:and|or)\s+[a-e]\b"),  # "b and c overstate it"
    re.compile(r"(?<![A-Za-z0-9])[A-Ea-e]\s*(?:选项|项(?!目))"),
    re.compile(r"第\s*[一二三四五1-5]\s*(?:个|项)?\s*(?:选项|答案)"),
    re.compile(r"(?:最后|前|后)\s*[一两二三]?\s*个\s*(?:选项|答案)"),
]
_LETTER_LIST = r"\s*(?:,|、|，|and|or|&|和|与|或)\s*"
_SENTENCE_START = {"So", "And", "But", "Only", "Thus", "Both", "Then", "While", "Why", "Here", "Option", "Options"}


def _is_label(text: str, start: int) -> bool:
    """'Sales B', 'Developer A', 销售B: a letter naming something in the story, not an option."""
    before = text[:start].rstrip()
    if before and "\u4e00" <= before[-1] <= "\u9fff":
        return True
    word = re.search(r"\b([A-Z][a-z]+)$", before)
    return bool(word) and word.group(1) not in _SENTENCE_START


def _codes(module: Module) -> set[str]:
    """Letters a module uses as framework codes, e.g. 'Decider (D)'; those are not option references."""
    return {
        c for t in module.terms for lang in ("zh", "en") for c in re.findall(r"[(（]([A-Z])[)）]", t.name.get(lang))
    }


def _letter_hits(question: Question, lang: str, codes: set[str]) -> list[str]:
    text = question.explanation.get(lang)
    hits = [m.group(0) for p in _POSITION_PATTERNS for m in p.finditer(text)]
    letters = {o.id.upper() for o in question.options if re.fullmatch(r"[a-e]", o.id)}
    prompt = question.prompt.get(lang)
    for letter in sorted(letters - codes):
        lone = rf"(?<![A-Za-z0-9/]){letter}(?![A-Za-z0-9/\-'’])"
        if re.search(lone, prompt):
            continue  # a label the prompt itself uses ("Developer A"), not an option's letter
        if letter == "A":  # also an English article: only in brackets or in a list of letters
            pattern = rf"[(（]\s*A\s*[)）]|{lone}{_LETTER_LIST}[B-E]\b|\b[B-E]{_LETTER_LIST}{lone}"
        else:
            pattern = lone
        for m in re.finditer(pattern, text):
            if m.group(0)[0] in "(（" or not _is_label(text, m.start()):  # a bracketed letter is never a label
                hits.append(m.group(0))
    return hits


def letter_references(course: Course) -> RuleResult:
    offenders = []
    for module in course.modules:
        codes = _codes(module)
        for q in course.questions(module.id):
            hits = sorted({h.strip() for lang in ("zh", "en") for h in _letter_hits(q, lang, codes)})
            if hits:
                offenders.append(f"{q.id} ({'; '.join(hits)})")
    return RuleResult(
        "letter-reference",
        "explanations naming an option by letter or position",
        str(len(offenders)),
        "0",
        not offenders,
        offenders,
    )


# Learners read the lessons, never the articles the course was written from.
_SOURCE_PATTERNS = [
    re.compile(r"\bthe\s+(?:source|article|original\s+text|text|author)\b(?!\s+of\b)", re.IGNORECASE),
    re.compile(r"原文|文中|(?<!做)文章|作者"),
]


def source_references(course: Course) -> RuleResult:
    offenders = []
    for q in course.questions():
        texts = [f"{name}.{lang}" for name in ("prompt", "explanation") for lang in ("zh", "en")]
        hits = sorted(
            {
                m.group(0)
                for t in texts
                for p in _SOURCE_PATTERNS
                for m in p.finditer(getattr(q, t.split(".")[0]).get(t.split(".")[1]))
            }
        )
        if hits:
            offenders.append(f"{q.id} ({'; '.join(hits)})")
    return RuleResult(
        "source-reference",
        "prompts or explanations referring to a source text learners never see",
        str(len(offenders)),
        "0",
        not offenders,
        offenders,
    )


def section_coverage(course: Course) -> RuleResult:
    """A module quiz draws round-robin over the sections its questions test (scoring.draw_questions),
    so a section without questions is never tested."""
    missing = [
        f"{m.id}: {s.id}"
        for m in course.modules
        for s in m.sections
        if not any(q.section == s.id for q in course.questions(m.id))
    ]
    total = sum(len(m.sections) for m in course.modules)
    return RuleResult(
        "section-coverage",
        "lesson sections with at least one question",
        _share(total - len(missing), total),
        "every section",
        not missing,
        missing,
    )


def checklist_coverage(course: Course) -> RuleResult:
    tested = {item for q in course.questions() for item in q.checklist}
    groups = course.checklist.groups
    untested = [g.id for g in groups if not any(i.id in tested for i in g.items)]
    items = len(course.checklist_items())
    return RuleResult(
        "checklist-coverage",
        "checklist groups tested by some question's `checklist`",
        f"{_share(len(groups) - len(untested), len(groups))}; items tested {len(tested)}/{items}",
        "every group",
        not untested,
        untested,
    )


def _module_english(module: Module) -> Iterator[tuple[str, str]]:
    yield "summary", module.summary.en
    for i, s in enumerate(module.sections):
        yield f"sections.{i}.title", s.title.en
        yield f"sections.{i}.body", s.body.en
    for i, t in enumerate(module.takeaways):
        yield f"takeaways.{i}", t.en
    for i, term in enumerate(module.terms):
        yield f"terms.{i}.definition", term.definition.en
    for name in ("title", "scenario", "question", "discussion"):
        yield f"case.{name}", getattr(module.case, name).en
    for i, r in enumerate(module.reflections):
        yield f"reflections.{i}", r.prompt.en


def _question_english(question: Question) -> Iterator[tuple[str, str]]:
    texts: list[tuple[str, L10n]] = [("prompt", question.prompt), ("explanation", question.explanation)]
    texts += [(f"options.{o.id}", o.text) for o in question.options]
    texts += [(f"left.{i}", t) for i, t in enumerate(question.left)]
    texts += [(f"right.{i}", t) for i, t in enumerate(question.right)]
    for where, text in texts:
        yield where, text.en


def glossary_names(course: Course) -> RuleResult:
    """One framework term, one English name: an `avoid` variant makes it look like two things."""
    variants = [(v, g) for g in course.glossary for v in g.avoid]
    if not variants:
        return RuleResult("glossary-names", "English avoid-variants of glossary terms", "0", "0", True)
    pattern = re.compile(r"\b(" + "|".join(re.escape(v) for v, _ in variants) + r")\b", re.IGNORECASE)
    name_of = {v.casefold(): g.name.en for v, g in variants}
    offenders = []
    places = [(m.id, where, text) for m in course.modules for where, text in _module_english(m)]
    places += [(q.id, where, text) for q in course.questions() for where, text in _question_english(q)]
    for owner, where, text in places:
        for m in pattern.finditer(text):
            offenders.append(f"{owner} {where}: '{m.group(0)}' (say '{name_of[m.group(0).casefold()]}')")
    return RuleResult(
        "glossary-names",
        "English avoid-variants of glossary terms in lessons and questions",
        str(len(offenders)),
        "0",
        not offenders,
        offenders,
    )


def application_share(course: Course) -> RuleResult:
    """Each module's quiz should ask learners to use the framework, not recite it."""
    figures, offenders = [], []
    for m in course.modules:
        questions = course.questions(m.id)
        applied = sum(1 for q in questions if q.is_application)
        figures.append(f"{m.id.split('-')[0]} {_share(applied, len(questions))}")
        if not questions or applied / len(questions) < APPLICATION_MIN:
            recall = [q.id for q in questions if not q.is_application]
            offenders.append(f"{m.id}: {_share(applied, len(questions))}; recall: {', '.join(recall)}")
    return RuleResult(
        "application-share",
        "questions that test application (scenario, or kind: application), per module",
        "; ".join(figures),
        f">= {APPLICATION_MIN:.0%} in every module",
        not offenders,
        offenders,
    )


def _best_is_longest(choices: list, lang: str) -> bool:
    """The turn's best-scoring line is also its uniquely longest one (a tie for best counts as no cue)."""
    totals = [sum(c.scores.values()) for c in choices]
    lengths = [len(c.line.get(lang)) for c in choices]
    best, longest = max(totals), max(lengths)
    return totals.count(best) == 1 and lengths.count(longest) == 1 and totals.index(best) == lengths.index(longest)


def roleplay_length_cue(course: Course) -> RuleResult:
    """In a role-play too, the best thing to say must not simply be the longest line on offer."""
    figures, offenders = [], []
    for rid, scenario in sorted(course.roleplays.items()):
        turns = [n.choices for n in scenario.nodes.values() if n.choices]
        cued = sum(1 for choices in turns if _best_is_longest(choices, "zh") or _best_is_longest(choices, "en"))
        figures.append(f"{rid} {cued}/{len(turns)}")
        if turns and cued / len(turns) > ROLEPLAY_CUE_MAX:
            offenders.append(f"{rid}: {cued} of {len(turns)} turns")
    return RuleResult(
        "roleplay-length-cue",
        "role-play turns whose best line is the uniquely longest (zh or en), per scenario",
        "; ".join(figures) or "no role-plays",
        f"<= {ROLEPLAY_CUE_MAX:.0%} in every scenario",
        not offenders,
        offenders,
    )


RULES = (
    length_cue,
    true_false_balance,
    multiple_right_counts,
    letter_references,
    source_references,
    section_coverage,
    checklist_coverage,
    glossary_names,
    application_share,
    roleplay_length_cue,
)


def lint_course(course: Course) -> list[RuleResult]:
    return [rule(course) for rule in RULES]


def report(results: list[RuleResult], course: Course) -> str:
    lines = [f"question lint: {len(course.questions())} questions in {len(course.modules)} modules"]
    for r in results:
        lines.append(f"{'PASS' if r.passed else 'FAIL'} {r.rule}: {r.title}")
        lines.append(f"     {r.figure}  (threshold: {r.threshold})")
        lines += [f"       - {o}" for o in r.offenders]
    failed = [r.rule for r in results if not r.passed]
    lines.append(f"{len(failed)} rule(s) failed: {', '.join(failed)}" if failed else "all rules pass")
    return "\n".join(lines)
