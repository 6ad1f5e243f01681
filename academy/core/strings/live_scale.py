"""UI strings of the live quiz at classroom scale: the projector screen, the phone screen, presence."""

STRINGS: dict[str, tuple[str, str]] = {
    # the host screen on a projector
    "ls_present": ("投影模式", "Presentation mode"),
    "ls_present_exit": ("退出投影模式", "Leave presentation mode"),
    "ls_join_here": ("手机扫码，或打开 {url}", "Scan with your phone, or open {url}"),
    "ls_code_label": ("加入代码", "Join code"),
    "ls_shortcuts": (
        "快捷键：N 下一题 · A 公布答案 · P 暂停/继续 · L 排行榜",
        "Keys: N next · A reveal · P pause/resume · L leaderboard",
    ),
    "ls_answers_in": ("已答 {a}/{n}", "{a}/{n} answered"),
    "ls_seconds": ("{s} 秒", "{s} s"),
    "ls_paused_big": ("已暂停", "Paused"),
    "ls_podium": ("领奖台", "Podium"),
    "ls_points": ("{p} 分", "{p} pts"),
    "ls_rest": ("其余名次", "Everyone else"),
    # how current the phones are
    "ls_phones_current": ("手机已同步：{c} 部", "Phones up to date: {c}"),
    "ls_phones_behind": (
        "{b} 部手机更新滞后：服务器过载，请增加应用进程（见 bench/README.md）",
        "{b} phones are behind: the server is overloaded; add app processes (see bench/README.md)",
    ),
    "ls_servers_silent": ("{n} 个应用进程没有回应", "{n} app processes are not answering"),
    # the phone
    "ls_you_chose": ("你选了：{option}", "You chose: {option}"),
    "ls_points_total": ("总分 {p}", "{p} points in total"),
    "ls_rank": ("第 {r} 名（共 {n} 人）", "Rank {r} of {n}"),
}
