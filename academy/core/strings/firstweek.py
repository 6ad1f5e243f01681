"""UI strings of issue 17 (a new hire's and a trainer's first week): key -> (Simplified Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    "fw_yes": ("是", "yes"),
    "fw_no": ("否", "no"),
    # live quiz: who is who
    "fw_guest_name": ("{name}（访客）", "{name} (guest)"),
    "fw_name_reserved": (
        "“{name}”是本场学员的名字，请换一个昵称；如果这是你，请先登录。",
        "“{name}” is the name of a trainee in this quiz. Pick another nickname, or log in if it is you.",
    ),
    "fw_login_to_join": ("已有账户？登录后以本人身份加入", "Have an account? Log in to join as yourself"),
    "fw_login_to_join_help": (
        "登录后回到这场测验，用你的名字作答，成绩记在你的账户里。",
        "You come back to this quiz and answer under your own name, with the result in your account.",
    ),
    "fw_guest_note": (
        "你以访客身份加入：大家看到你的昵称后面标着“访客”。",
        "You joined as a guest: everyone sees “guest” after your nickname.",
    ),
    # live quiz: leaderboard
    "fw_col_score": ("得分", "Score"),
    "fw_rank_rule": (
        "按得分排名（部分正确按比例计分）；得分相同时速度积分高者在前；两项都相同则名次并列。",
        "Ranked by score (partly right answers count in part); on equal scores, more speed points rank higher; "
        "equal on both shares the rank.",
    ),
    "fw_your_standing": (
        "你的成绩：得分 {score}，速度积分 {points}",
        "You: score {score}, {points} speed points",
    ),
    # live quiz: export
    "fw_col_trainee": ("学员", "Trainee"),
    "fw_col_guest": ("访客", "Guest"),
    "fw_col_question_no": ("题号", "Question no."),
    "fw_col_question_id": ("题目编号", "Question id"),
    "fw_col_question": ("题目", "Question"),
    "fw_col_response": ("作答", "Answer given"),
    "fw_col_correct": ("答对", "Correct"),
    "fw_col_points": ("速度积分", "Speed points"),
    "fw_col_answered_at": ("作答时间", "Answered at"),
    "fw_results_sheet": ("结果", "Results"),
}
