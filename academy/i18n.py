"""Languages: Simplified Chinese and English are written; Traditional Chinese is converted with OpenCC."""

from __future__ import annotations

from functools import lru_cache

import opencc

from academy.content.schema import L10n

LANGUAGES: dict[str, str] = {"zh": "简体中文", "zh-hant": "繁體中文", "en": "English"}


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    return opencc.OpenCC("s2twp")  # Taiwan standard with phrases, the most widely read Traditional form


@lru_cache(maxsize=20_000)
def to_traditional(text: str) -> str:
    return _converter().convert(text)


def pick(zh: str, en: str, lang: str) -> str:
    if lang == "en":
        return en
    return to_traditional(zh) if lang == "zh-hant" else zh


def tr(text: L10n, lang: str) -> str:
    """A content text in the given language."""
    return pick(text.zh, text.en, lang)


def language_from_locale(locale: str | None, default: str) -> str:
    """Map a browser locale (e.g. zh-CN, zh-TW, en-US) to one of our languages."""
    if not locale:
        return default
    loc = locale.lower().replace("_", "-")
    if loc.startswith("en"):
        return "en"
    if loc.startswith("zh"):
        return "zh-hant" if any(tag in loc for tag in ("hant", "-tw", "-hk", "-mo")) else "zh"
    return default


def t(key: str, lang: str, **params: object) -> str:
    """A UI string in the given language, with {placeholders} filled in."""
    zh, en = STRINGS[key]
    text = pick(zh, en, lang)
    return text.format(**params) if params else text


# key -> (Simplified Chinese, English). Keep keys grouped by page.
STRINGS: dict[str, tuple[str, str]] = {
    "app_title": ("大客户销售学院", "Key Account Academy"),
    "language": ("语言", "Language"),
    # navigation
    "sec_learn": ("学习", "Learn"),
    "sec_practice": ("练习与工具", "Practice & tools"),
    "sec_account": ("账户", "Account"),
    "nav_home": ("首页", "Home"),
    "nav_course": ("课程", "Course"),
    "nav_module": ("课程单元", "Module"),
    "nav_assessments": ("测评", "Assessments"),
    "nav_checklist": ("行为清单", "Checklist"),
    "nav_classroom": ("课堂", "Classroom"),
    "nav_tools": ("实战工具", "Field tools"),
    "nav_profile": ("个人资料", "Profile"),
    "nav_login": ("登录", "Log in"),
    "logged_in_as": ("已登录：{name}", "Logged in as {name}"),
    "logout": ("退出登录", "Log out"),
    "coming_soon": ("这一部分正在建设中，很快开放。", "This part is being built and opens soon."),
    "content_invalid": (
        "课程内容有错误，暂时无法加载。请管理员运行 `python -m academy validate` 查看详情：",
        "The course content has errors and cannot be loaded. An administrator can run `python -m academy validate` for details:",
    ),
    # login / register
    "login_tab": ("登录", "Log in"),
    "register_tab": ("注册", "Create account"),
    "username": ("用户名", "Username"),
    "username_help": ("3–32 位小写字母、数字或 . _ -", "3–32 lower-case letters, digits or . _ -"),
    "display_name": ("显示名称", "Display name"),
    "password": ("密码", "Password"),
    "password_repeat": ("再次输入密码", "Repeat password"),
    "login_button": ("登录", "Log in"),
    "register_button": ("创建账户", "Create account"),
    "welcome_intro": (
        "面向大客户销售新人的课程、自测与行为追踪。登录或创建账户开始学习。",
        "Course, self-assessment and habit tracking for new key-account salespeople. Log in or create an account to start.",
    ),
    "first_user_admin": (
        "这是第一个账户，它将成为管理员。",
        "This is the first account: it becomes the administrator.",
    ),
    "registered": ("账户已创建，欢迎！", "Account created. Welcome!"),
    "err_username_format": (
        "用户名需为 3–32 位小写字母、数字或 . _ -。",
        "A username is 3–32 lower-case letters, digits or . _ -.",
    ),
    "err_username_taken": ("这个用户名已被使用。", "That username is taken."),
    "err_display_name": ("请填写显示名称（最多 80 字）。", "Enter a display name (at most 80 characters)."),
    "err_password_short": ("密码至少需要 {n} 个字符。", "A password needs at least {n} characters."),
    "err_password_mismatch": ("两次输入的密码不一致。", "The two passwords differ."),
    "err_login_failed": ("用户名或密码不正确。", "Wrong username or password."),
    "err_login_locked": (
        "登录失败次数过多，账户已暂时锁定，请 {minutes} 分钟后再试。",
        "Too many failed logins: the account is locked for {minutes} minutes.",
    ),
    "err_old_password": ("当前密码不正确。", "The current password is wrong."),
    "err_not_allowed": ("你没有权限执行此操作。", "You are not allowed to do that."),
    "err_not_found": ("找不到该用户。", "No such user."),
    "err_last_admin": ("不能取消自己的管理员身份。", "You cannot remove your own admin role."),
    # home
    "home_greeting": ("你好，{name}", "Hello, {name}"),
    "home_overall": (
        "课程进度：已完成 {done}/{total} 个单元，已读 {read}/{sections} 节",
        "Course progress: {done} of {total} modules complete, {read} of {sections} sections read",
    ),
    "home_continue": ("继续学习：{title}", "Continue: {title}"),
    "home_all_done": ("全部单元已完成，做得好！", "Every module is complete. Well done!"),
    "home_outline": ("课程大纲", "Course outline"),
    # course / module
    "course_intro": (
        "建议按以下顺序学习。每个单元读完所有小节即算完成。",
        "Work through the modules in this order. A module is complete when every section is read.",
    ),
    "module_minutes": ("约 {n} 分钟", "about {n} min"),
    "module_status": ("已读 {read}/{total} 节", "{read}/{total} sections read"),
    "module_complete": ("已完成", "Complete"),
    "open_module": ("打开", "Open"),
    "back_to_course": ("返回课程", "Back to the course"),
    "mark_read": ("已读", "Mark as read"),
    "section_n": ("第 {n} 节", "Section {n}"),
    "takeaways": ("要点", "Key takeaways"),
    "diagram": ("图解", "Diagram"),
    "case": ("案例练习", "Case exercise"),
    "your_answer": ("你的思路", "Your answer"),
    "save": ("保存", "Save"),
    "saved": ("已保存。", "Saved."),
    "show_discussion": ("查看参考分析", "Show the model discussion"),
    "discussion_hint": (
        "先写下你的思路，再看参考分析。",
        "Write your own answer first, then compare with the model discussion.",
    ),
    "reflections": ("反思", "Reflection"),
    "last_saved": ("上次保存：{when}", "Last saved {when}"),
    "unknown_module": ("找不到这个单元。", "No such module."),
    "terms": ("关键概念", "Key terms"),
    # profile
    "profile_title": ("个人资料", "Profile"),
    "save_profile": ("保存资料", "Save profile"),
    "change_password": ("修改密码", "Change password"),
    "current_password": ("当前密码", "Current password"),
    "new_password": ("新密码", "New password"),
    "password_changed": (
        "密码已修改，其他设备上的登录已失效。",
        "Password changed; logins on other devices have ended.",
    ),
    "my_data": ("我的数据", "My data"),
    "download_data": ("下载我的全部数据（JSON）", "Download all my data (JSON)"),
    "delete_account": ("删除账户", "Delete account"),
    "delete_warning": (
        "将永久删除你的账户和全部学习记录，无法恢复。请输入密码确认。",
        "This permanently deletes your account and all its data. Enter your password to confirm.",
    ),
    "delete_button": ("永久删除我的账户", "Delete my account for good"),
    "account_deleted": ("账户已删除。", "Your account has been deleted."),
    "admin_users": ("用户与角色", "Users and roles"),
    "role": ("角色", "Role"),
    "role_learner": ("学员", "Learner"),
    "role_trainer": ("培训师", "Trainer"),
    "role_admin": ("管理员", "Administrator"),
    "set_role": ("更改角色", "Change role"),
    "role_changed": ("{name} 现在是{role}。", "{name} is now {role}."),
    "user": ("用户", "User"),
    # charts
    "chart_ordinary": ("普通订单", "Ordinary order"),
    "chart_key_account": ("大客户订单", "Key-account order"),
    "chart_difficulty": ("难度 / 复杂度（1–5）", "Difficulty / complexity (1–5)"),
    "chart_seven_elements": ("关系经营七要素", "The seven elements of a relationship"),
    "chart_seller_root": ("大客户销售", "Key-account seller"),
    "chart_seller_types": ("三类大客户销售及其“魂”", "Three seller types and their souls"),
    "chart_seller_levels": ("级别与“魂”的匹配", "Levels matched to souls"),
    "soul_attack": ("强攻", "Attack"),
    "soul_control": ("控制", "Control"),
    "soul_support": ("辅助", "Support"),
    "keyword_control": ("信", "trust"),
    "keyword_support": ("慧", "wisdom"),
    "keyword_attack": ("智", "intelligence"),
    "chart_traits": ("四种品格", "Four traits"),
    "chart_freedoms": ("四种自由", "Four freedoms"),
    "chart_entry_positions": ("入围位置：越靠前越有利", "Entry positions: the higher, the stronger"),
    "chart_quadrant": ("客户性格四象限", "The four customer personalities"),
    "chart_control": ("控制性", "Control"),
    "chart_sensitivity": ("敏感性", "Sensitivity"),
    "chart_low": ("低", "low"),
    "chart_high": ("高", "high"),
    "chart_decision_grid": (
        "决策角色 × 对我方态度：颜色越深越要优先投入",
        "Decision role × stance toward us: the darker, the sooner to act",
    ),
    "chart_old_model": ("传统模式", "Old model"),
    "chart_new_model": ("新模式", "New model"),
    "chart_time_split": ("销售时间分配：传统模式与新模式", "Where the time goes: old model vs new model"),
    "chart_funnel": ("销售漏斗（示意比例）", "The sales funnel (illustrative rates)"),
    "chart_house_roof": ("销售体系", "Sales system"),
    "chart_sales_house": ("销售体系之屋", "The sales system as a house"),
}
