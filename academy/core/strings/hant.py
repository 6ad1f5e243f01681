"""UI strings whose Traditional Chinese is not the Simplified text converted: key -> Traditional text.

Rows and columns: the mainland says 行 for a row and 列 for a column; Taiwan and Hong Kong say 列
for a row and 欄 for a column. A character converter cannot swap them, so these are written out.
`tests/test_hant.py` checks each key exists and keeps the placeholders of the Simplified text.
"""

HANT: dict[str, str] = {
    "ck_export_help": "CSV 與匯入格式相同（UTF-8，Excel 可直接開啟中文）；Excel 檔案多一欄 behaviour，寫著行為內容。",
    "ck_import_help": "上傳與匯出格式相同的 CSV：欄位為 period, period_start, item_id, executed, fulfilled, note（behaviour 欄可有可無，會被忽略）。檔案裡出現的週期會取代原有記錄；只要有一列出錯，就什麼都不匯入。",
    "ck_problem": "第 {row} 列，{column} 欄：{message}",
    "ck_err_missing_column": "缺少這一欄",
    "ck_err_unknown_column": "無法識別這一欄",
    "ck_err_csv_too_many": "檔案太大：最多 {n} 列。",
    "ck_err_duplicate": "與第 {first} 列重複（同一週期、同一行為）",
}
