"""UI strings of xAPI learning records and the Moodle XML question exchange: key -> (Simplified Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # navigation
    "nav_question_sets": ("题库交换（Moodle）", "Question sets (Moodle)"),
    "nav_learning_records": ("学习记录（xAPI）", "Learning records (xAPI)"),
    # --- question sets page -------------------------------------------------------------------
    "qs_title": ("题库交换：Moodle XML", "Question exchange: Moodle XML"),
    "qs_intro": (
        "把课程题目导出为 Moodle XML，或把 Moodle 导出的题目导入为你自己的题集，用于课堂测验和班级练习。",
        "Export the course's questions as Moodle XML, or import questions exported from Moodle as your own "
        "question set, for live quizzes and your cohorts' practice.",
    ),
    "qs_export": ("导出", "Export"),
    "qs_export_what": ("导出哪些题目", "Which questions"),
    "qs_export_all": ("整个题库（每个模块一个类别）", "The whole bank (a category per module)"),
    "qs_export_lang": ("语言", "Language"),
    "qs_lang_multilang": ("中英双语（Moodle 多语言标记）", "Both (Moodle multi-language spans)"),
    "qs_lang_zh": ("仅中文", "Chinese only"),
    "qs_lang_en": ("仅英文", "English only"),
    "qs_download": ("下载 Moodle XML", "Download Moodle XML"),
    "qs_export_note": (
        "多语言标记需要在 Moodle 中启用“多语言内容”过滤器；配对题的右侧选项是纯文本，需同时开启“过滤所有字符串”。"
        "排序题使用 Moodle 的 Ordering 题型（4.4 起为标准题型，之前需安装插件）。",
        "The multi-language spans need Moodle's Multi-language content filter; matching answers are plain "
        "text and also need Filter all strings. Ordering questions use Moodle's Ordering question type "
        "(standard since 4.4, a plugin before).",
    ),
    "qs_import": ("导入", "Import"),
    "qs_file": ("Moodle XML 文件", "Moodle XML file"),
    "qs_name": ("题集名称", "Set name"),
    "qs_import_button": ("导入", "Import"),
    "qs_imported": ("已导入题集“{name}”，共 {n} 题。", "Imported the set “{name}”: {n} questions."),
    "qs_import_failed": (
        "文件有 {n} 处问题，未导入任何题目：",
        "The file has {n} problem(s); nothing was imported:",
    ),
    "qs_problem_file": ("文件", "File"),
    "qs_problem_question": ("第 {n} 题“{name}”", "Question {n} “{name}”"),
    "qs_pick_file": ("请选择一个文件。", "Choose a file."),
    "qs_my_sets": ("我的题集", "My question sets"),
    "qs_no_sets": (
        "还没有题集。导入一个 Moodle XML 文件即可创建。",
        "No sets yet. Import a Moodle XML file to make one.",
    ),
    "qs_set_label": ("{name} · {n} 题", "{name} · {n} questions"),
    "qs_source": ("来源文件：{file}", "From the file: {file}"),
    "qs_offer": ("作为练习测验提供给这些班级", "Offer as a practice quiz to these cohorts"),
    "qs_offer_save": ("保存", "Save"),
    "qs_offer_saved": ("已保存。", "Saved."),
    "qs_delete": ("删除题集", "Delete set"),
    "qs_deleted": ("已删除题集“{name}”。", "Deleted the set “{name}”."),
    "qs_start_live": ("可在“课堂”页用这个题集开始课堂测验。", "Start a live quiz from this set on the Classroom page."),
    "qs_preview": ("题目", "Questions"),
    # errors of sets
    "qs_err_name": ("请填写题集名称（最多 {n} 字）。", "Give the set a name (at most {n} characters)."),
    "qs_err_count": ("一个题集要有 1 到 {n} 道题。", "A set has 1 to {n} questions."),
    "qs_err_too_many": (
        "每位培训师最多 {n} 个题集，请先删除不用的。",
        "At most {n} sets per trainer; delete one first.",
    ),
    "qs_err_name_taken": ("你已有名为“{name}”的题集。", "You already have a set called “{name}”."),
    "qs_err_not_found": ("找不到这个题集，或它不属于你。", "No such set, or it is not yours."),
    "qs_err_in_use": (
        "课堂测验“{title}”正在使用这个题集，结束后才能删除。",
        "The live quiz “{title}” is using this set; end it first.",
    ),
    "qs_err_stored": ("题集“{name}”的数据已损坏。", "The stored set “{name}” is damaged."),
    "cls_set_gone": ("这个题集不存在或不属于你。", "That question set does not exist or is not yours."),
    "cls_source_set": ("我的题集", "My question set"),
    "cls_pick_set": ("题集", "Question set"),
    "cls_no_sets": (
        "你还没有题集，可在“题库交换”页导入。",
        "You have no sets yet; import one on the Question sets page.",
    ),
    # practice quizzes on the Assessments page
    "quiz_practice": ("练习：{name}", "Practice: {name}"),
    "quiz_practice_passed": ("通过！", "Passed!"),
    # import problems (field named before the message)
    "mx_err_type": (
        "不支持的题型“{type}”（支持：{supported}）",
        "question type “{type}” is not supported (supported: {supported})",
    ),
    "mx_err_empty": ("内容为空", "is empty"),
    "mx_err_long": ("超过 {n} 个字符", "is longer than {n} characters"),
    "mx_err_files": ("含有图片或附件，学院无法显示", "holds images or files, which the academy cannot show"),
    "mx_err_languages": (
        "多语言内容里没有中文或英文（只有：{langs}）",
        "has no Chinese or English in its language blocks (only: {langs})",
    ),
    "mx_err_fraction": ("分值“{value}”不是 -100 到 100 之间的数", "grade “{value}” is not a number from -100 to 100"),
    "mx_err_partial": (
        "单选题的选项得 {value}% 部分分，学院的单选题只有全对或全错",
        "gives {value}% partial credit, but a single-answer question here is right or wrong",
    ),
    "mx_err_no_right": ("没有得分为正的选项", "has no answer with a positive grade"),
    "mx_err_many_right": ("单选题有 {n} 个满分选项，只能有一个", "a single-answer question has {n} full-mark answers"),
    "mx_err_too_few": ("至少需要 {n} 项", "needs at least {n}"),
    "mx_err_too_many": ("最多 {n} 项", "has more than {n}"),
    "mx_err_true_false": ("判断题的答案应为 true 或 false，而不是“{value}”", "should be true or false, not “{value}”"),
    "mx_err_true_false_key": (
        "判断题需要 true 和 false 两个答案，且恰好一个满分",
        "needs true and false, one of them at 100%",
    ),
    "mx_err_distractor": (
        "只有答案没有题目（干扰项），学院的配对题不支持",
        "is an answer without a question (a distractor), which matching here does not support",
    ),
    "mx_err_subset": (
        "排序题只显示 {total} 项中的 {n} 项，学院要求显示全部",
        "shows {n} of its {total} items; the academy orders all of them",
    ),
    "mx_err_no_feedback": (
        "没有总体反馈，也没有正确选项的反馈：学院在每题后都要给出解析",
        "is missing, and no right answer has feedback: the academy explains every answer",
    ),
    "mx_err_schema": ("不符合题目格式：{message}", "does not fit the question format: {message}"),
    "mx_err_file_size": ("文件超过 {n} MB", "is larger than {n} MB"),
    "mx_err_not_xml": ("不是有效的 XML：{error}", "is not well-formed XML: {error}"),
    "mx_err_not_moodle": (
        "不是 Moodle XML 题目文件（根元素是 <{tag}>）",
        "is not a Moodle XML quiz (its root is <{tag}>)",
    ),
    "mx_err_no_questions": ("没有题目", "holds no questions"),
    "mx_err_count": ("题目超过 {n} 道", "holds more than {n} questions"),
    # --- learning records page (administrator) ------------------------------------------------------
    "xr_title": ("学习记录（xAPI）", "Learning records (xAPI)"),
    "xr_off": (
        "未配置学习记录存储（LRS）：不记录、不发送。设置 XAPI_ENDPOINT 等变量即可启用（见 README 的“配置”）。",
        "No learning record store (LRS) is configured: nothing is recorded or sent. Set XAPI_ENDPOINT and the "
        "other variables to switch it on (README, Configuration).",
    ),
    "xr_no_base": (
        "请设置 XAPI_BASE_IRI（或 PUBLIC_URL）：活动标识需要它。记录已保存，设置后会补发。",
        "Set XAPI_BASE_IRI (or PUBLIC_URL): activity ids need it. Records are kept and go out once it is set.",
    ),
    "xr_config": (
        "LRS：{endpoint} · 活动标识前缀：{base} · 学员标识：{actor}",
        "LRS: {endpoint} · activity ids: {base} · learners named by: {actor}",
    ),
    "xr_actor_account": ("账户（用户名）", "account (username)"),
    "xr_actor_mbox": ("电子邮箱（无邮箱的账户用用户名）", "e-mail (accounts without one: username)"),
    "xr_unstaged": ("待生成", "Not built yet"),
    "xr_pending": ("待发送", "Waiting to send"),
    "xr_sent": ("已发送", "Sent"),
    "xr_rejected": ("被拒收", "Rejected"),
    "xr_last_error": ("最近的错误：{error}", "Last error: {error}"),
    "xr_next_try": ("下次重试：{when}", "Next try: {when}"),
    "xr_last_sent": ("最近一次发送：{when}", "Last sent: {when}"),
    "xr_sender": ("发送进程：{holder}", "Sending process: {holder}"),
    "xr_no_sender": ("目前没有发送进程。", "No process is sending right now."),
    "xr_retry_now": ("立即重试", "Retry now"),
    "xr_retrying": ("{n} 条记录将在下一轮发送。", "{n} records go out on the next round."),
    "xr_queue": ("发送队列（最早的在前）", "Queue (oldest first)"),
    "xr_recent": ("最近发送", "Recently sent"),
    "xr_rejected_list": ("被拒收的记录", "Rejected records"),
    "xr_none": ("无。", "None."),
    "xr_col_event": ("编号", "No."),
    "xr_col_kind": ("事件", "Event"),
    "xr_col_user": ("学员", "Learner"),
    "xr_col_when": ("发生时间", "Happened"),
    "xr_col_verb": ("动词", "Verb"),
    "xr_col_activity": ("活动", "Activity"),
    "xr_col_attempts": ("尝试次数", "Tries"),
    "xr_col_sent": ("发送时间", "Sent"),
    "xr_col_error": ("错误", "Error"),
}
