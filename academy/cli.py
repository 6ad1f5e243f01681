"""Command line: python -m academy validate | lint-questions | export-course | migrate | create-admin | purge |
backup PATH | restore PATH | send-statements | export-moodle."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from academy.content.loader import ContentInvalid, load_course
from academy.core.i18n import LANGUAGES
from academy.core.settings import get_settings


def _validate(_: argparse.Namespace) -> int:
    s = get_settings()
    try:
        course = load_course(s.content_dir, s.assessments_dir)
    except ContentInvalid as exc:
        for err in exc.errors:
            print(err, file=sys.stderr)
        print(f"{len(exc.errors)} error(s)", file=sys.stderr)
        return 1
    counts = ", ".join(f"{v} {k.replace('_', ' ')}" for k, v in course.counts().items())
    print(f"content OK: {counts}")
    return 0


def _lint_questions(_: argparse.Namespace) -> int:
    from academy.content.lint import lint_course, report

    s = get_settings()
    try:
        course = load_course(s.content_dir, s.assessments_dir)
    except ContentInvalid as exc:
        print(exc, file=sys.stderr)
        return 1
    results = lint_course(course)
    print(report(results, course))
    return 0 if all(r.passed for r in results) else 1


def _migrate(_: argparse.Namespace) -> int:
    from academy.core.migrations import upgrade

    url = get_settings().database_url
    upgrade(url)
    print(f"database at head: {url.split('@')[-1]}")
    return 0


def _read_password(args: argparse.Namespace) -> str | None:
    if args.password_stdin:
        return sys.stdin.readline().rstrip("\n")
    import getpass

    first = getpass.getpass("Password: ")
    if getpass.getpass("Repeat password: ") != first:
        print("the two passwords differ", file=sys.stderr)
        return None
    return first


def _create_admin(args: argparse.Namespace) -> int:
    from academy.accounts.users import AccountError, create_admin
    from academy.core.db import session_scope
    from academy.core.i18n import t
    from academy.core.migrations import ensure_current

    url = get_settings().database_url
    ensure_current(url)
    password = _read_password(args)
    if password is None:
        return 1
    try:
        with session_scope(url) as s:
            user, created = create_admin(
                s, username=args.username, display_name=args.display_name or args.username, password=password
            )
            name = user.username
    except AccountError as err:
        print(f"create-admin failed: {t(err.key, 'en', **err.params)}", file=sys.stderr)
        return 1
    print(f"{name} is {'a new' if created else 'now an'} administrator")
    return 0


def _purge(_: argparse.Namespace) -> int:
    from academy.accounts.login import purge_expired
    from academy.core.db import session_scope

    with session_scope(get_settings().database_url) as s:
        removed = purge_expired(s)
    print(f"purged {removed} expired login record(s)")
    return 0


def _export_course(args: argparse.Namespace) -> int:
    from academy.content.export import course_as_dict

    s = get_settings()
    try:
        course = load_course(s.content_dir, s.assessments_dir)
    except ContentInvalid as exc:
        print(exc, file=sys.stderr)
        return 1
    json.dump(course_as_dict(course, args.lang), sys.stdout, ensure_ascii=False, indent=2)
    print()
    return 0


def _backup(args: argparse.Namespace) -> int:
    from academy.core.backup import BackupError, backup

    try:
        path = backup(get_settings().database_url, Path(args.path))
    except BackupError as exc:
        print(f"backup failed: {exc}", file=sys.stderr)
        return 1
    print(f"backup written: {path} ({path.stat().st_size:,} bytes)")
    return 0


def _restore(args: argparse.Namespace) -> int:
    from academy.core.backup import BackupError, restore

    try:
        restore(get_settings().database_url, Path(args.path))
    except BackupError as exc:
        print(f"restore failed: {exc}", file=sys.stderr)
        return 1
    print(f"restored from {args.path}")
    return 0


def _send_statements(args: argparse.Namespace) -> int:
    """Deliver xAPI statements from this process (the app's processes do it too; the lease keeps it to one)."""
    from academy.core.migrations import ensure_current
    from academy.integrations import xapi_outbox, xapi_sender

    s = get_settings()
    if not s.records_events:
        print("XAPI_ENDPOINT is not set: there is nothing to send", file=sys.stderr)
        return 1
    ensure_current(s.database_url)
    course = load_course(s.content_dir, s.assessments_dir)
    if args.once:
        holder = xapi_sender.holder_name()
        done = xapi_sender.deliver_once(s.database_url, course=course, settings=s, holder=holder)
        from academy.core.db import session_scope

        with session_scope(s.database_url) as session:
            status = xapi_outbox.status(session)
        print(f"sent {done.sent}, failed {done.failed}, rejected {done.rejected}; pending {status.pending}")
        for error in done.errors:
            print(error, file=sys.stderr)
        return 0 if not done.failed else 2
    sender = xapi_sender.Sender(s.database_url, course=course, settings=s)
    sender.start()
    try:
        sender.join()
    except KeyboardInterrupt:
        sender.stop()
    return 0


def _export_moodle(args: argparse.Namespace) -> int:
    from academy.integrations.moodle_export import course_groups, export

    s = get_settings()
    course = load_course(s.content_dir, s.assessments_dir)
    if args.module and args.module not in {m.id for m in course.modules}:
        print(f"no module '{args.module}'", file=sys.stderr)
        return 1
    sys.stdout.buffer.write(export(course_groups(course, args.module), lang=args.lang))
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m academy")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("validate", help="check every content file; print errors or counts").set_defaults(func=_validate)
    sub.add_parser(
        "lint-questions",
        help="check the question bank's figures (length cues, balance, coverage...) against thresholds",
    ).set_defaults(func=_lint_questions)
    sub.add_parser("migrate", help="apply database migrations up to the newest").set_defaults(func=_migrate)
    admin = sub.add_parser(
        "create-admin", help="create an administrator (or make an existing account one); asks for the password"
    )
    admin.add_argument("username")
    admin.add_argument("--display-name", default="")
    admin.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    admin.set_defaults(func=_create_admin)
    sub.add_parser("purge", help="delete expired logins, login tickets and attempt counts").set_defaults(func=_purge)
    export = sub.add_parser("export-course", help="print the whole course as JSON")
    export.add_argument("--lang", choices=list(LANGUAGES), default="zh")
    export.set_defaults(func=_export_course)
    for name, func, text in (
        ("backup", _backup, "write a consistent copy of the SQLite database to PATH (safe while the app runs)"),
        ("restore", _restore, "replace the SQLite database with the backup at PATH"),
    ):
        cmd = sub.add_parser(name, help=text)
        cmd.add_argument("path")
        cmd.set_defaults(func=func)
    send = sub.add_parser("send-statements", help="deliver xAPI statements to the LRS (foreground; --once: one round)")
    send.add_argument("--once", action="store_true")
    send.set_defaults(func=_send_statements)
    moodle = sub.add_parser("export-moodle", help="print a module's questions, or the whole bank, as Moodle XML")
    moodle.add_argument("--module", default=None)
    moodle.add_argument("--lang", choices=["multilang", "zh", "en"], default="multilang")
    moodle.set_defaults(func=_export_moodle)
    args = parser.parse_args(argv)
    return args.func(args)
