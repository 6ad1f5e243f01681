"""UI strings of single sign-on and certificates: key -> (Simplified Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # single sign-on: the login page
    "sso_button": ("使用企业账号登录", "Log in with your company account"),
    "sso_or_password": ("或使用用户名和密码：", "Or use a username and password:"),
    "sso_required_note": (
        "本机构要求使用企业账号登录。首次登录时会自动创建你的账户；下方的用户名和密码仅供管理员使用。",
        "Your organisation logs in with the company account; your account is created at your first login. The username and password form below is for administrators only.",
    ),
    "sso_admin_login": ("管理员登录", "Administrator login"),
    "err_sso_failed": (
        "企业账号登录没有完成（身份提供方的答复被拒绝或已过期），请重试。如果一直失败，请联系管理员。",
        "Logging in with the company account did not complete (the identity provider's answer was refused or had expired). Try again; if it keeps failing, tell your administrator.",
    ),
    "err_sso_off": ("未配置企业账号登录。", "Single sign-on is not configured."),
    "err_sso_issuer": (
        "这次登录来自另一个身份提供方，已拒绝。",
        "This login came from a different identity provider and was refused.",
    ),
    "err_sso_claims": (
        "身份提供方没有给出有效的用户标识（sub），无法登录。",
        "The identity provider sent no valid user identifier (sub), so you cannot be logged in.",
    ),
    "err_sso_stale": ("这次企业账号登录已过期，请重新登录。", "This company login has expired: log in again."),
    "err_sso_used": ("这次企业账号登录已经用过，请重新登录。", "This company login was already used: log in again."),
    "err_sso_try_again": (
        "企业账号登录暂时没有完成，请重试。",
        "The company login did not go through just now: try again.",
    ),
    "err_sso_required": (
        "本机构要求使用企业账号登录，请使用上方的企业账号登录按钮。",
        "Your organisation requires the company account: use the company login button above.",
    ),
    "err_sso_required_register": (
        "本机构要求使用企业账号登录：首次用企业账号登录时会自动创建账户。",
        "Your organisation logs in with the company account: your account is created at your first company login.",
    ),
    # single sign-on: the profile page
    "sso_profile_title": ("企业账号", "Company account"),
    "sso_linked": ("已关联企业账号 {email}", "Linked to the company account {email}"),
    "sso_link_help": (
        "关联后可以使用企业账号登录，学习记录保持不变。",
        "Once linked, you can log in with your company account and keep all your progress.",
    ),
    "sso_link_button": ("关联企业账号", "Link my company account"),
    "sso_linked_done": ("企业账号已关联。", "Your company account is linked."),
    "err_sso_linked_elsewhere": (
        "这个企业账号已关联到另一个用户。",
        "That company account is already linked to another user.",
    ),
    "err_sso_already_linked": ("你的账户已经关联了企业账号。", "Your account is already linked to a company account."),
    "sso_no_password": (
        "你使用企业账号登录，在本站没有密码。",
        "You log in with your company account and have no password here.",
    ),
    "delete_confirm_username": ("输入你的用户名以确认", "Type your username to confirm"),
    "err_confirm_username": ("请输入你的用户名以确认删除。", "Type your username to confirm the deletion."),
    "sso_admin_title": ("登录方式", "How people log in"),
    "sso_require": (
        "要求除管理员以外的所有人使用企业账号登录",
        "Require everyone but administrators to log in with the company account",
    ),
    "sso_require_help": (
        "开启后，尚未使用企业账号登录过的学员和培训师的现有登录会结束；他们用企业账号重新登录，或先在个人资料中关联企业账号以保留学习记录。",
        "Turning it on ends the current logins of learners and trainers who have not used the company account yet; they log in again with it, or first link it on their Profile to keep their progress.",
    ),
    "sso_required_on": (
        "现在要求使用企业账号登录；已结束 {n} 个密码登录。",
        "The company account is now required; {n} password logins ended.",
    ),
    "sso_required_off": ("不再要求使用企业账号登录。", "The company account is no longer required."),
    "sso_off_note": (
        "企业账号登录（OpenID Connect）未开启：设置 OIDC_ISSUER、OIDC_CLIENT_ID 和 OIDC_CLIENT_SECRET 即可开启（见 README）。",
        "Company login (OpenID Connect) is off: set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET to turn it on (see README).",
    ),
    "err_sso_not_configured": (
        "尚未配置企业账号登录（OIDC_ISSUER），所以不能要求使用它。",
        "Single sign-on is not configured (OIDC_ISSUER), so it cannot be required.",
    ),
    # certificates
    "cert_title": ("结业证书", "Certificate"),
    "cert_download": ("下载结业证书（PDF）", "Download my certificate (PDF)"),
    "cert_not_yet": (
        "通过结业考试后即可在这里下载结业证书。",
        "Pass the final exam to download your certificate here.",
    ),
    "cert_code_is": ("证书编号：{code}", "Certificate code: {code}"),
    "cert_no_font": (
        "无法生成证书：找不到中文字体 {path}。请管理员安装 fonts-wqy-microhei，或用 CERTIFICATE_FONT 指定一个字体文件。",
        "Cannot draw the certificate: the Chinese font {path} is missing. An administrator can install fonts-wqy-microhei or name a font file in CERTIFICATE_FONT.",
    ),
    "cert_try_again": ("暂时无法发放证书，请重试。", "The certificate could not be issued just now: try again."),
    "cert_cohort_download": ("下载本班的结业证书（zip，{n} 份）", "Download the cohort's certificates (zip, {n})"),
    "cert_cohort_none": ("本班还没有人通过结业考试。", "No one in this cohort has passed the final exam yet."),
    "cert_pdf_title": ("结业证书", "Certificate of Completion"),
    "cert_pdf_certifies": ("兹证明", "This certifies that"),
    "cert_pdf_passed": ("已通过以下课程的结业考试", "has passed the final exam of"),
    "cert_pdf_score": ("成绩：{pct}%", "Score: {pct}%"),
    "cert_pdf_date": ("日期：{date}", "Date: {date}"),
    "cert_pdf_code": ("证书编号：{code}", "Certificate code: {code}"),
    "cert_pdf_verify": ("验证证书：{url}", "Verify this certificate at {url}"),
    # the verification page (no login)
    "nav_verify": ("验证证书", "Verify a certificate"),
    "verify_intro": (
        "输入结业证书上的证书编号，确认证书真实有效。",
        "Enter the code printed on a certificate to check that it is genuine.",
    ),
    "verify_code": ("证书编号", "Certificate code"),
    "verify_button": ("验证", "Verify"),
    "verify_ok": ("证书有效", "This certificate is genuine"),
    "verify_details": (
        "{name} 于 {date} 通过《{course}》结业考试，成绩 {pct}%。",
        "{name} passed the final exam of {course} on {date} with a score of {pct}%.",
    ),
    "verify_unknown": (
        "没有编号为 {code} 的证书。请核对输入与证书上的编号是否一致。",
        "No certificate has the code {code}. Check it against the certificate.",
    ),
    "verify_bad_format": (
        "证书编号由 16 个字母和数字组成，例如 7K3M-Q9TR-2WXA-H4PD。",
        "A certificate code is 16 letters and digits, like 7K3M-Q9TR-2WXA-H4PD.",
    ),
}
