"""UI strings of the cohort dashboard: key -> (Simplified Chinese, English). The page title is `nav_dashboard`."""

STRINGS: dict[str, tuple[str, str]] = {
    "dash_choose_cohort": ("班级", "Cohort"),
    "dash_no_cohorts": (
        "你还没有班级。先在“课堂”页面创建一个班级，把代码发给学员。",
        "You have no cohorts yet. Create one on the Classroom page and give its code to your trainees.",
    ),
    "dash_no_members": ("这个班级还没有学员加入。", "Nobody has joined this cohort yet."),
    "dash_trainees": ("学员", "Trainees"),
    "dash_attempts": ("已完成测验", "Finished quizzes"),
    "dash_mean_score": ("平均得分", "Mean score"),
    "dash_modules_done": ("单元完成率", "Modules complete"),
    # tabs
    "dash_tab_completion": ("完成情况", "Completion"),
    "dash_tab_scores": ("测验得分", "Quiz scores"),
    "dash_tab_items": ("薄弱题目", "Weakest questions"),
    "dash_tab_progress": ("进度趋势", "Progress over time"),
    "dash_tab_checklist": ("行为清单", "Checklist"),
    "dash_tab_export": ("导出", "Export"),
    # completion
    "dash_completion_help": (
        "每格是该学员在该单元的完成度：每读完一节算一步，通过单元测验再算一步；100% 即该单元已完成。",
        "Each cell is how much of the module the trainee has done: every section read is a step, and so is "
        "passing the module's quiz; 100% means the module is complete.",
    ),
    "dash_chart_completion": ("各单元完成度", "Completion per module"),
    "dash_axis_trainee": ("学员", "Trainee"),
    "dash_axis_completion": ("完成度", "Done"),
    "dash_hover_sections": ("已读 {read}/{total} 节", "{read}/{total} sections read"),
    "dash_quiz_yes": ("测验已通过", "quiz passed"),
    "dash_quiz_no": ("测验未通过", "quiz not passed yet"),
    "dash_quiz_none": ("无测验", "no quiz"),
    # scores
    "dash_quiz_all": ("全部测验", "All quizzes"),
    "dash_choose_quiz": ("测验", "Quiz"),
    "dash_axis_band": ("得分区间", "Score band"),
    "dash_axis_attempts": ("次数", "Attempts"),
    "dash_no_attempts": ("班级学员还没有完成任何测验。", "No trainee of this cohort has finished a quiz yet."),
    # items
    "dash_items_help": (
        "**难度系数 F**：全班已完成测验中该题的平均得分（0–1，越低越难）。"
        "**区分度 D**（凯利上下组法）：按整份测验得分排序，得分最高的三分之一作答者在该题上的 F "
        "减去最低三分之一的 F（−1 到 1；越高越能区分强弱学员，接近 0 或为负说明题目需要检查）。"
        "作答少于 {n} 次的题目不计算 D。",
        "**Facility index F**: the mean score on the question in the cohort's finished quizzes (0–1; lower is "
        "harder). **Discrimination index D** (Kelley's upper-lower index): F among the top third of answers, "
        "ranked by the whole attempt's score, minus F among the bottom third (−1 to 1; high means the question "
        "separates stronger from weaker trainees, near 0 or negative means it needs a look). D is left blank "
        "for questions with fewer than {n} answers.",
    ),
    "dash_weakest_n": ("最薄弱的 {n} 道题", "The {n} weakest questions"),
    "dash_item_stats": ("F {f:.2f} · D {d} · {n} 次作答", "F {f:.2f} · D {d} · {n} answers"),
    "dash_all_items": ("全部题目的统计", "Statistics of every question"),
    "dash_chart_weakest": ("难度系数最低的 {n} 道题", "The {n} questions with the lowest facility"),
    "dash_chart_items": ("难度系数与区分度", "Facility and discrimination"),
    "dash_no_items": ("还没有作答记录。", "No answers yet."),
    # progress
    "dash_pick_trainees": ("选择学员", "Trainees to show"),
    "dash_chart_progress": ("课程阅读进度", "Share of the course read"),
    "dash_chart_scores_time": ("每周测验平均分", "Mean quiz score per week"),
    "dash_axis_week": ("周（起始日）", "Week (starting)"),
    "dash_axis_course_read": ("已读课程（%）", "Course read (%)"),
    "dash_axis_mean_score": ("平均得分", "Mean score"),
    "dash_cohort_average": ("班级平均", "Cohort average"),
    "dash_no_progress": ("还没有学习记录。", "No activity yet."),
    # checklist
    "dash_ck_help": (
        "只显示选择与培训师分享行为清单的学员（共 {shared}/{total} 人）。完成率 = 做到次数 ÷ 遇到次数，按行为组合计；"
        "空白表示该时段内没有遇到。",
        "Only trainees who chose to share their checklist are shown ({shared} of {total}). A rate is times done "
        "divided by times it came up, pooled per group; blank means it did not come up in the period.",
    ),
    "dash_ck_window": ("时段", "Period"),
    "dash_ck_weeks": ("最近 {n} 周", "Last {n} weeks"),
    "dash_ck_all_time": ("全部", "All time"),
    "dash_ck_none": ("这个班级还没有学员分享行为清单。", "No trainee of this cohort shares their checklist."),
    "dash_chart_checklist": ("行为清单完成率", "Checklist adherence"),
    # table columns and export
    "dash_col_trainee": ("学员", "Trainee"),
    "dash_col_modules_complete": ("已完成单元", "Modules complete"),
    "dash_col_quiz": ("测验", "Quiz"),
    "dash_col_attempts": ("完成次数", "Attempts"),
    "dash_col_trainees": ("参加人数", "Trainees"),
    "dash_col_mean": ("平均分（%）", "Mean score (%)"),
    "dash_col_pass_rate": ("通过率（%）", "Pass rate (%)"),
    "dash_col_rank": ("序号", "No."),
    "dash_col_question": ("题目", "Question"),
    "dash_col_question_id": ("题目编号", "Question id"),
    "dash_col_module": ("单元", "Module"),
    "dash_col_section": ("课程小节", "Lesson section"),
    "dash_col_answers": ("作答次数", "Answers"),
    "dash_col_facility": ("难度系数 F", "Facility F"),
    "dash_col_discrimination": ("区分度 D", "Discrimination D"),
    "dash_col_sections_read": ("本周读完小节", "Sections read that week"),
    "dash_col_target": ("目标（%）", "Target (%)"),
    "dash_col_at_target": ("达到目标", "At target"),
    "dash_col_came_up": ("遇到次数", "Came up"),
    "dash_col_done": ("做到次数", "Done"),
    "dash_yes": ("是", "yes"),
    "dash_no": ("否", "no"),
    "dash_download_csv": ("下载 CSV", "Download CSV"),
    "dash_download_excel": ("下载 Excel（全部表格）", "Download Excel (every table)"),
    "dash_export_help": (
        "Excel 文件每张表对应看板的一部分；CSV 每次导出一张表。",
        "The Excel workbook has one sheet per part of the dashboard; a CSV file holds one table.",
    ),
    "dash_export_table": ("要导出为 CSV 的表格", "Table to download as CSV"),
    "dash_sheet_completion": ("完成情况", "Completion"),
    "dash_sheet_quizzes": ("测验汇总", "Quizzes"),
    "dash_sheet_bands": ("得分分布", "Score distribution"),
    "dash_sheet_items": ("题目分析", "Item analysis"),
    "dash_sheet_progress": ("进度趋势", "Progress over time"),
    "dash_sheet_checklist": ("行为清单", "Checklist"),
}
