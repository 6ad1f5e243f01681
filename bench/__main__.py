"""`python -m bench` (make bench): page timings per data scale, the live burst and cold start; see bench/README.md."""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from academy.content.loader import load_course
from academy.core.settings import ROOT, get_settings

RESULTS = Path(__file__).resolve().parent / "results"


def _args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="smoke run for CI: scales 1,10, 2 runs, 100 trainees, one cold start"
    )
    parser.add_argument("--scales", help="comma-separated data scale factors (default 1,10,100)")
    parser.add_argument("--trainees", type=int, help="simulated trainees in the live burst (default 300)")
    parser.add_argument("--runs", type=int, help="timed runs per page after the warm-up (default 5)")
    parser.add_argument(
        "--page",
        action="append",
        dest="pages",
        metavar="NAME",
        help="time only this page (repeatable; the floor is always timed), e.g. --page dashboard",
    )
    parser.add_argument("--pages-only", action="store_true", help="time the pages only: no burst, no cold start")
    parser.add_argument(
        "--phones",
        help="phone-load sizes on one app process, comma-separated (default 50,100,200,300; --quick: 10); "
        "the largest also runs on two processes behind nginx",
    )
    args = parser.parse_args(argv)
    quick = args.quick
    args.scales = [int(s) for s in args.scales.split(",")] if args.scales else ([1, 10] if quick else [1, 10, 100])
    args.trainees = args.trainees or (100 if quick else 300)
    args.runs = args.runs or (2 if quick else 5)
    args.cold_runs = 1 if quick else 3
    try:
        default = [10] if quick else [50, 100, 200, 300]
        args.phones = [int(n) for n in args.phones.split(",")] if args.phones else default
    except ValueError:
        parser.error("--phones takes whole numbers, e.g. 50,100")
    if any(s < 1 for s in args.scales) or args.trainees < 1 or args.runs < 1:
        parser.error("scales, trainees and runs must be positive")
    if any(not 1 <= n <= 2000 for n in args.phones):
        parser.error("--phones: 1 to 2000 phones per run")
    return args


def _commit() -> str | None:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    return done.stdout.strip() or None


def _section(title: str) -> None:
    print(f"\n== {title} " + "=" * max(0, 76 - len(title)), flush=True)


def phone_load(course, args: argparse.Namespace) -> dict[str, Any]:
    """The phone-load table (bench/phones.py): each size on one process, the largest on two behind nginx."""
    from bench import phones
    from tests.servers import NGINX, postgres_bin

    seconds, limit = (20.0, 10) if args.quick else (60.0, 20)
    runs = list(phones.phone_runs(course, args.phones, seconds, limit, 1, "sqlite"))
    # the CI smoke (--quick) is one small room on one process; the proxy has its own browser test
    if not args.quick and NGINX.exists() and postgres_bin() is not None:
        runs += list(phones.phone_runs(course, [max(args.phones)], seconds, limit, 2, "postgresql"))
    elif not args.quick:
        print("(nginx or PostgreSQL is not installed: no run behind the proxy)")
    print(phones.table(runs))
    return {"targets": phones.TARGETS, "runs": runs}


def main(argv: list[str] | None = None) -> int:
    import sys

    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["phones"]:
        from bench import phones

        return phones.main(argv[1:])
    args = _args(argv)
    os.environ.setdefault("SECRET_KEY", "bench-secret")  # never generate one into data/
    # imported here: the page bench pulls in Streamlit and the app, which the argument check does not need
    from bench import burst, coldstart, live_smoke, pages

    unknown = sorted(set(args.pages or ()) - {c.name for c in pages.cases()})
    if unknown:
        print(f"unknown page(s): {', '.join(unknown)}; known: {', '.join(c.name for c in pages.cases()[1:])}")
        return 2
    settings = get_settings()
    course = load_course(settings.content_dir, settings.assessments_dir)
    began = time.perf_counter()
    out: dict[str, Any] = {
        "started": datetime.now(UTC).isoformat(timespec="seconds"),
        "commit": _commit(),
        "machine": {"python": platform.python_version(), "platform": platform.platform(), "cpus": os.cpu_count()},
        "args": {"quick": args.quick, "scales": args.scales, "trainees": args.trainees, "runs": args.runs},
    }

    _section(f"pages: median of {args.runs} AppTest runs after a warm-up, ms")
    timings, data = {}, {}
    for scale in args.scales:
        seeded, timings[scale] = pages.run_scale(scale, course=course, runs=args.runs, only=args.pages)
        data[scale] = {"plan": seeded.as_dict()["plan"], "counts": seeded.counts}
    for scale, d in data.items():
        c = d["counts"]
        print(
            f"{scale}x data: learner {c['checklist_entries']} checklist entries over {c['checklist_days']} days, "
            f"{c['learner_attempts']} quiz attempts ({c['learner_answers']} answers); cohort of {c['trainees']} "
            f"trainees, {c['trainee_attempts']} attempts ({c['trainee_answers']} answers), "
            f"{c['trainee_checklist_entries']} shared checklist entries; live session with {c['live_answers']} answers"
        )
    text, verdict = pages.table(timings)
    print(text)
    out["data"] = data
    out["pages"] = {
        "ratios": pages.ratios(timings),
        "runs": {s: {n: {"cpu_ms": t.cpu_ms, "wall_ms": t.wall_ms} for n, t in r.items()} for s, r in timings.items()},
        "targets": verdict,
    }

    if args.pages_only:
        return 1 if verdict["failed"] else 0

    _section(f"live burst: {args.trainees} trainees through academy.classroom.live.submit")
    results = burst.sqlite_bursts(course=course, trainees=args.trainees)
    results += burst.postgres_bursts(course=course, trainees=args.trainees)
    if not any(r.backend == "postgresql" for r in results):
        print("(PostgreSQL is not installed: SQLite only)")
    text, out["burst"] = burst.report(results)
    print(text)

    phones = 2 if args.quick else 3
    _section(f"live quiz in Chromium: {phones} phones and the trainer's screen")
    smoke = live_smoke.run(course=course, phones=phones)
    print(live_smoke.report(smoke))
    out["live_smoke"] = smoke.summary()

    _section("phones over Streamlit's protocol: one app process (SQLite), then two behind nginx (PostgreSQL)")
    out["phones"] = phone_load(course, args)

    _section(f"cold start: median of {args.cold_runs}, streamlit run -> first page painted in Chromium")
    cold = coldstart.measure(runs=args.cold_runs)
    print(coldstart.report(cold))
    out["cold_start"] = cold.summary()

    out["seconds"] = round(time.perf_counter() - began, 1)
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"bench-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.json"
    path.write_text(json.dumps(out, indent=2, ensure_ascii=False, default=str) + "\n")
    print(f"\nfinished in {out['seconds']} s; results in {path.relative_to(ROOT)}")
    # timings are reported, never asserted; a page that fails or a lost answer fails the run (the CI smoke)
    broken = list(verdict["failed"]) + [
        f"{b['backend']} burst" for b in out["burst"] if not b["targets_met"]["all_recorded_once"]
    ]
    if not out["live_smoke"]["targets_met"]["all_recorded"]:
        broken.append("live quiz in Chromium")
    broken += [
        f"phones N={r['phones']} ({r['label']})"
        for r in out["phones"]["runs"]
        if not r["targets_met"]["all_stored_once"]
    ]
    if broken:
        print("FAILED: " + ", ".join(broken))
    return 1 if broken else 0


if __name__ == "__main__":
    raise SystemExit(main())
