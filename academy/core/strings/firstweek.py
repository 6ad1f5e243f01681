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
STRINGS.update(
    {
        # one meaning of "module complete"
        "fw_complete_rule": (
            "完成一个单元：读完全部小节，通过单元测验（{pct}% 及格）；有情景对练的单元，还要练完其中一个。",
            "A module is complete when every section is read, its quiz passed ({pct}% to pass) and, if it has"
            " role-plays, one of them played to an ending.",
        ),
        "fw_quiz_not_passed": ("测验未通过", "quiz not passed yet"),
        "fw_quiz_passed": ("测验已通过", "quiz passed"),
        # a module, section by section
        "fw_sections": ("小节", "Sections"),
        "fw_section_of": ("第 {i}/{n} 节", "Section {i} of {n}"),
        "fw_wrap": ("要点与练习", "Takeaways & practice"),
        "fw_read_next": ("标记已读，下一节", "Mark as read, next section"),
        "fw_read_wrap": ("标记已读，看要点与练习", "Mark as read, on to takeaways & practice"),
        "fw_next_section": ("下一节", "Next section"),
        "fw_prev_section": ("上一节", "Previous section"),
        "fw_next_read": ("下一步：读第 {n} 节“{title}”。", "Next: read section {n}, “{title}”."),
        "fw_go_read": ("去读第 {n} 节", "Go to section {n}"),
        "fw_next_quiz": (
            "下一步：参加单元测验，{pct}% 及格即完成本单元。",
            "Next: take the module's quiz; {pct}% or more completes the module.",
        ),
        "fw_next_roleplay": (
            "下一步：练完本单元的一个情景对练（任何结局都算）即完成本单元。",
            "Next: play one of this module's role-plays to an ending (any ending) to complete the module.",
        ),
        "fw_module_done": ("本单元已完成。", "This module is complete."),
        "fw_next_module": ("下一个单元：{title}", "Next module: {title}"),
    }
)
STRINGS.update(
    {
        # the checklist on a phone
        "fw_ck_layout": ("版式", "Layout"),
        "fw_ck_layout_cards": ("逐组填写（手机）", "Group by group (phone)"),
        "fw_ck_layout_table": ("表格", "Table"),
        "fw_ck_save_group_next": ("保存本组，下一组", "Save this group, next group"),
        "fw_ck_save_group": ("保存本组", "Save this group"),
    }
)
