"""UI strings of logins under attack, the first administrator and input limits: key -> (Simplified Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # logging in
    "err_login_wait": (
        "尝试过于频繁，请 {seconds} 秒后再试。",
        "Too many attempts just now: try again in {seconds} seconds.",
    ),
    # passwords
    "err_password_long": ("密码最多 {n} 个字符。", "A password has at most {n} characters."),
    "err_password_blank": ("密码不能全是空格。", "A password cannot be only spaces."),
    "err_password_is_username": ("密码不能与用户名相同。", "The password cannot be the username."),
    # the first administrator
    "no_admin_yet": (
        "还没有管理员。服务器启动时会在日志中打印一次性设置码：填写它，这个账户就成为管理员；"
        "不填则注册为学员。也可以在服务器上运行 `python -m academy create-admin`。",
        "There is no administrator yet. The server prints a one-time setup code in its log at start-up: "
        "enter it and this account becomes the administrator; leave it empty to register as a learner. "
        "`python -m academy create-admin` on the server does the same.",
    ),
    "setup_code": ("设置码（仅限第一位管理员）", "Setup code (first administrator only)"),
    "err_setup_code": (
        "设置码不正确，或已经被使用。",
        "That setup code is wrong or has already been used.",
    ),
    # checklist counts
    "ck_err_count_max": ("最多 {max} 次", "at most {max} times"),
    # live quiz
    "cls_full": ("这个测验已满（最多 {n} 人）。", "This quiz is full (at most {n} people)."),
    "cls_too_many_codes": (
        "错误代码输入过多，请 {minutes} 分钟后再试。",
        "Too many wrong codes: try again in {minutes} minutes.",
    ),
    # reflections
    "reflection_too_long": (
        "回答最多 {n} 个字符，没有保存。请缩短后再保存。",
        "An answer has at most {n} characters; it was not saved. Shorten it and save again.",
    ),
}
