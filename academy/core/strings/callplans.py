"""UI strings of the call plan, the deal plan and the checklist's how-to cards: key -> (Simplified Chinese, English)."""

STRINGS: dict[str, tuple[str, str]] = {
    # the two tools
    "tool_name_call-plan": ("拜访计划", "Call plan"),
    "tool_name_deal-plan": ("销售计划", "Deal plan"),
    "tool_about_call-plan": (
        "为一次拜访做准备：目标是销售计划里的哪一步，对方的角色和性格，开场白，要问的问题，按决策角色准备的卖点，"
        "要带的证据和要争取的下一步。拜访后做个回顾，一键把这次拜访的行为记进自检清单。",
        "Prepare one visit: the step of the deal plan it serves, the person's role and personality, the opening, the "
        "questions, the selling points per decision role, the evidence to bring and the next step to secure. Afterwards, "
        "review it and log the visit's behaviours in your checklist with one click.",
    ),
    "tool_about_deal-plan": (
        "一个机会的销售策略与计划：谁来做、目标、策略、销售活动，以及拜访、需求具体化、建议书、简报（投标）、议价、签约"
        "六个环节的时间表。",
        "The sales strategy and plan of one opportunity: who works it, the goal, the strategy, the sales activities and "
        "a timetable for the six steps: visit, needs made concrete, proposal, presentation or bid, negotiation, signing.",
    ),
    "cp_lesson_link": ("对应课程：{module} · {section}", "The lesson: {module} · {section}"),
    # errors
    "tool_err_visit_on": ("拜访日期无效。", "The visit date is not valid."),
    "tool_err_step": ("请从销售循环的六个环节中选择。", "Choose one of the six steps of the sales cycle."),
    "tool_err_objective": ("拜访目标最多500个字。", "The objective can be at most 500 characters."),
    "tool_err_personality": ("请从四种性格中选择。", "Choose one of the four personalities."),
    "tool_err_opening": ("开场白最多1000个字。", "The opening can be at most 1000 characters."),
    "tool_err_questions": (
        "问题最多10个，每个最多300个字。",
        "Up to 10 questions, each at most 300 characters.",
    ),
    "tool_err_points": (
        "每个卖点栏目最多300个字，角色要从决策角色中选。",
        "Each selling-point field can be at most 300 characters, for one of the decision roles.",
    ),
    "tool_err_evidence": ("证据一栏最多1000个字。", "The evidence can be at most 1000 characters."),
    "tool_err_next_step": ("下一步最多500个字。", "The next step can be at most 500 characters."),
    "tool_err_outcome": ("请选择拜访是否达到了目标。", "Choose whether the visit achieved its objective."),
    "tool_err_review_note": ("经过最多2000个字。", "What happened can be at most 2000 characters."),
    "tool_err_miss_cause": ("原因最多1000个字。", "The cause can be at most 1000 characters."),
    "tool_err_agreed_next": ("约定的下一步最多500个字。", "The agreed next step can be at most 500 characters."),
    "tool_err_team": ("负责的销售或团队最多200个字。", "The salesperson or team can be at most 200 characters."),
    "tool_err_goal": ("销售目标最多500个字。", "The sales goal can be at most 500 characters."),
    "tool_err_strategy": ("销售策略最多2000个字。", "The strategy can be at most 2000 characters."),
    "tool_err_activities": ("销售活动最多2000个字。", "The activities can be at most 2000 characters."),
    "cp_err_date_range": (
        "日期要在 {first} 到 {last} 之间。",
        "Dates must be between {first} and {last}.",
    ),
    "cp_err_step": ("这不是销售循环中的环节。", "That is not a step of the sales cycle."),
    "cp_err_step_order": (
        "计划日期要按销售循环的顺序：第{n}步排在了第{m}步之前。",
        "Planned dates must follow the sales cycle: step {n} is planned before step {m}.",
    ),
    "cp_err_role_twice": ("每个决策角色只能有一行卖点。", "Each decision role can have one row of selling points."),
    "cp_err_review_future": (
        "这次拜访在 {day}，到那天才能回顾。",
        "This visit is on {day}; you can review it from that day.",
    ),
    "cp_err_behaviour": (
        "只能记录一次拜访中会出现的清单行为。",
        "Only the checklist behaviours of a single visit can be logged here.",
    ),
    "cp_err_no_behaviours": (
        "请至少选择一项这次拜访中出现的行为。",
        "Choose at least one behaviour that came up in this visit.",
    ),
    "ck_err_nothing_to_log": ("没有要记录的次数。", "There are no counts to log."),
    # call plan: choosing
    "cp_map_first": (
        "先在决策单元图里列出这个客户的人：拜访计划会从图上带出对方的角色和各角色的卖点。",
        "First list this account's people on the decision-unit map: the call plan takes each person's role and the "
        "selling-point rows from it.",
    ),
    "cp_open_map": ("打开决策单元图", "Open the decision-unit map"),
    "cp_pick": ("拜访计划", "Call plan"),
    "cp_new": ("新的拜访计划", "New call plan"),
    "cp_no_step": ("未定环节", "no step"),
    "cp_contact": ("拜访对象", "Whom you are visiting"),
    # call plan: what the map and the scorecard say
    "cp_prefill": ("来自决策单元图和关系记分卡", "From your decision-unit map and scorecard"),
    "cp_person_line": (
        "**{name}**（{title}）：角色 {roles}，态度 {attitude}，与我方关系 {relationship}，影响力 {influence}/5。",
        "**{name}** ({title}): role {roles}, attitude {attitude}, relationship {relationship}, influence {influence}/5.",
    ),
    "cp_not_met": ("你还没见过此人。", "You have not met this person yet."),
    "cp_focus": (
        "关系重点：最弱的要素是{element}（{score}/{scale}，{day}的评估）。{advice}",
        "Relationship focus: the weakest element is {element} ({score}/{scale}, assessed {day}). {advice}",
    ),
    "cp_no_scorecard": (
        "还没有给此人打过关系记分卡；打一次分，就能看出这次拜访该补哪个要素。",
        "This person has no relationship scorecard yet; score one to see which element this visit should build.",
    ),
    "cp_personality_from": (
        "性格来自你 {day} 对此人的判断：{styles}。",
        "Personality from your check of {day}: {styles}.",
    ),
    "cp_personality_lesson": ("怎样和{name}打交道", "How to sell to the {name}"),
    # call plan: the form
    "cp_visit_on": ("拜访日期", "Visit date"),
    "cp_opportunity": ("所属机会（销售计划）", "Opportunity (deal plan)"),
    "cp_no_opportunity": ("不属于某个机会", "No opportunity"),
    "cp_step": ("这次拜访推进销售循环的哪一步", "The step of the sales cycle this visit moves on"),
    "cp_objective": ("拜访目标", "Objective"),
    "cp_objective_help": (
        "这次拜访结束时，具体要得到什么结果？",
        "What, concretely, must this visit have achieved when you leave?",
    ),
    "cp_personality": ("对方的性格", "The person's personality"),
    "cp_unknown": ("还不清楚", "Not known yet"),
    "cp_opening": ("开场白", "Opening"),
    "cp_opening_help": (
        "和对方有关，说清来意和时间，最后用一个问题把话头交给对方。",
        "About them; say why you have come and how long you need; end with a question that hands them the floor.",
    ),
    "cp_questions": ("要问的问题（每行一个）", "Questions to ask (one per line)"),
    "cp_questions_help": (
        "问用途、问怎么衡量、问还有谁在承担、请对方一起算出一个数。",
        "Ask what it is for, how it is measured, who else pays, and put a figure on it together.",
    ),
    "cp_points": ("按决策角色准备的卖点", "Selling points per decision role"),
    "cp_points_help": (
        "每个角色：他的需求或动机 → 对应的卖点 → 对他的价值。空着的角色不会保存。",
        "For each role: their need or motive → the selling point that answers it → its value to them. "
        "Empty rows are not saved.",
    ),
    "cp_who": ("图上的人：{names}", "On your map: {names}"),
    "cp_nobody": ("图上还没有这个角色的人", "Nobody on your map in this role yet"),
    "cp_need": ("需求或动机", "Need or motive"),
    "cp_point": ("卖点", "Selling point"),
    "cp_value": ("价值或利益", "Value or benefit"),
    "cp_evidence": ("要带的证据（数据、案例、文件）", "Evidence to bring (data, cases, documents)"),
    "cp_next_step": ("要争取的下一步", "Next step to secure"),
    "cp_save": ("保存拜访计划", "Save the call plan"),
    # call plan: the review
    "cp_review": ("拜访后的回顾", "After the visit: review"),
    "cp_review_later": ("拜访日期是 {day}，到那天就可以回顾。", "The visit is on {day}; you can review it from then."),
    "cp_outcome": ("这次拜访达到目标了吗？", "Did the visit achieve its objective?"),
    "cp_outcome_met": ("达到了", "Yes"),
    "cp_outcome_partly": ("部分达到", "Partly"),
    "cp_outcome_missed": ("没有达到", "No"),
    "cp_review_note": ("经过", "What happened"),
    "cp_miss_cause": (
        "没达到目标的原因：目标对不对、人对不对、卡在哪一步、准备够不够",
        "Why it missed its aim: the aim, the person, where it stalled, the preparation",
    ),
    "cp_agreed_next": ("约定的下一步（谁、做什么、什么时候）", "Next step agreed (who does what, by when)"),
    "cp_came_up": ("这次拜访中出现的清单行为", "Checklist behaviours that came up in this visit"),
    "cp_did_heading": ("勾选你做到了的：", "Tick the ones you did:"),
    "cp_log_help": (
        "每个出现的行为记一次“执行”，勾选的再记一次“落实”。这一周如果是按天记录的，就记在拜访那一天；否则记在那一周。",
        "Each behaviour that came up counts once as came up, and once as done if ticked. If you log that week by "
        "days, it goes to the visit's day; otherwise to the week.",
    ),
    "cp_log": ("保存回顾并记入自检清单", "Save the review and log it in my checklist"),
    "cp_logged_week": (
        "已把 {n} 项行为记入自检清单：{start} 这一周。",
        "Logged {n} behaviours in your checklist for the week of {start}.",
    ),
    "cp_logged_day": (
        "已把 {n} 项行为记入自检清单：{start} 这一天（这一周你是按天记录的）。",
        "Logged {n} behaviours in your checklist for {start} (you log that week by days).",
    ),
    "cp_already_logged": (
        "这次回顾已经记入自检清单（{start}）。再次保存只更新回顾，不会重复计数；要改次数，请直接编辑自检清单。",
        "This review is already in your checklist ({start}). Saving again updates the review only and never counts "
        "twice; to change the counts, edit the checklist.",
    ),
    "cp_save_review": ("保存回顾", "Save the review"),
    "cp_open_checklist": ("打开自检清单", "Open the checklist"),
    # call plan: the list and managing
    "cp_plans_at": ("{account} 的拜访计划", "Call plans at {account}"),
    "cp_col_day": ("拜访日期", "Visit date"),
    "cp_col_contact": ("拜访对象", "Person"),
    "cp_col_step": ("环节", "Step"),
    "cp_col_objective": ("目标", "Objective"),
    "cp_col_outcome": ("结果", "Outcome"),
    "cp_col_logged": ("已记入清单", "In the checklist"),
    "cp_delete": ("删除这份拜访计划", "Delete this call plan"),
    "cp_delete_help": (
        "回顾已经记入自检清单的次数会保留；要改，请编辑自检清单。",
        "Counts its review already put in your checklist stay there; edit the checklist to change them.",
    ),
    # printable page
    "cp_print": ("打印版（一页）", "Printable page (one page)"),
    "cp_print_help": (
        "一页干净的页面：用页面上的“打印”按钮打印，或下载后用浏览器打开。",
        "A clean one-page view: print it with the Print button on the page, or download it and open it in a browser.",
    ),
    "cp_print_button": ("打印", "Print"),
    "cp_download_html": ("下载打印版（HTML）", "Download the printable page (HTML)"),
    "cp_print_footer": ("大客户销售学院 · {day}", "Key Account Academy · {day}"),
    "cp_print_visit": ("拜访：{name}（{title}） · {day}", "Visit: {name} ({title}) · {day}"),
    "cp_print_person": ("对方", "The person"),
    "cp_print_roles": ("角色、态度、关系", "Role, attitude, relationship"),
    "cp_print_review": ("回顾", "Review"),
    "cp_print_questions": ("要问的问题", "Questions to ask"),
    "cp_print_done": ("做到了", "done"),
    "cp_print_not_done": ("没做到", "not done"),
    "cp_print_step_of": ("{step}（{opportunity}）", "{step} ({opportunity})"),
    # deal plan
    "dp_opportunity": ("机会", "Opportunity"),
    "dp_new_opportunity": ("新建机会", "New opportunity"),
    "dp_opportunity_name": ("机会名称", "Opportunity name"),
    "dp_create": ("创建", "Create"),
    "dp_no_opportunities": (
        "这个客户还没有机会：在上面新建一个，再为它排销售计划。",
        "This account has no opportunity yet: create one above, then plan it.",
    ),
    "dp_team": ("负责的销售或团队", "Salesperson or team"),
    "dp_goal": ("销售目标", "Sales goal"),
    "dp_strategy": ("销售策略（满足客户需求的方法）", "Sales strategy (the way you will meet the client's needs)"),
    "dp_activities": ("销售活动", "Sales activities"),
    "dp_timetable": ("时间表：销售循环的六个环节", "Timetable: the six steps of the sales cycle"),
    "dp_planned": ("计划日期", "Planned"),
    "dp_done": ("完成日期", "Done"),
    "dp_save": ("保存销售计划", "Save the deal plan"),
    "dp_next": ("下一步：{step}，计划在 {day}。", "Next step: {step}, planned for {day}."),
    "dp_next_unplanned": ("下一步：{step}，还没有排日期。", "Next step: {step}, not dated yet."),
    "dp_all_done": ("六个环节都已完成。", "All six steps are done."),
    "dp_overdue": ("{step} 已经逾期：原计划在 {day}。", "{step} is overdue: it was planned for {day}."),
    "dp_state_done": ("已完成", "done"),
    "dp_state_overdue": ("逾期", "overdue"),
    "dp_state_due": ("今天", "due today"),
    "dp_state_planned": ("已计划", "planned"),
    "dp_state_unplanned": ("未排期", "not dated"),
    "dp_chart": ("销售循环时间表", "The sales cycle"),
    "dp_today": ("今天", "Today"),
    "dp_calls": ("这个机会的拜访计划", "Call plans for this opportunity"),
    "dp_no_calls": (
        "还没有拜访计划挂在这个机会上：在“拜访计划”里选这个机会和一个环节。",
        "No call plan is linked to this opportunity yet: choose it and a step in the Call plan tool.",
    ),
    "dp_col_step": ("环节", "Step"),
    "dp_col_state": ("状态", "State"),
    # exports
    "tool_sheet_callplans": ("拜访计划", "Call plans"),
    "tool_sheet_dealplans": ("销售计划", "Deal plans"),
    # how-to cards of the checklist
    "ck_howto_pick": ("行为说明卡：怎样做好一项行为", "How-to card: doing a behaviour well"),
    "ck_howto_placeholder": ("选一项行为，看它的说明卡", "Pick a behaviour to see its how-to card"),
    "ck_howto_means": ("是什么意思", "What it means"),
    "ck_howto_well": ("做得好", "Done well"),
    "ck_howto_badly": ("做得不好", "Done badly"),
    "ck_howto_trained": ("在哪里练", "Where the course trains it"),
    "ck_howto_roleplay": ("角色扮演：{title}（{module}）", "Role-play: {title} ({module})"),
    "ck_weakest_cards": ("最弱的几项行为，以及怎样做好", "Your weakest behaviours, and how to do them well"),
    "ck_weakest_card_title": ("{behaviour} · {rate}（{done}/{came}）", "{behaviour} · {rate} ({done}/{came})"),
}
