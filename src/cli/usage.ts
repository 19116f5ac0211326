/** Usage texts, Chinese first, then English; printed by --help (stdout, exit 0). */

export const MAIN_USAGE = `jixiao — 部门整体支出绩效自评：生成模板，给填好的工作簿评分
jixiao — performance self-evaluation of a department's overall expenditure: templates and scoring

用法 Usage:
  jixiao template -o FILE.xlsx [--scheme dept-2013] [--dept NAME] [--year YYYY] [--unit 元|万元]
  jixiao score FILE.xlsx [-o OUT.xlsx] [--json]
  jixiao score --inputs INPUTS.json [--scheme dept-2013] [--json]
  jixiao COMMAND --help
  jixiao --version

命令 Commands:
  template  生成空白模板：各工作表、命名的输入单元格、数据验证、样式和打印设置
            write a blank workbook: the scheme's sheets, named input cells, validation, styles, print setup
  score     读取填好的工作簿（或输入 JSON），计算每项指标的得分、合计和自我评价结论
            score a filled workbook (or a JSON of inputs): every indicator, the total and the grade

退出状态 Exit status:
  0  评分完成，没有错误                       scored, no error-severity finding
  1  已尽量评分，但有错误（见“错误”一节）     scored as far as possible, with error findings
  2  调用有误，或文件无法作为本工具的工作簿读取；未写入任何文件
     wrong call, or a file that is not a workbook of a known scheme; nothing was written
`;

export const TEMPLATE_USAGE = `用法 Usage: jixiao template -o FILE.xlsx [--scheme dept-2013] [--dept NAME] [--year YYYY] [--unit 元|万元]

生成空白模板（基本情况表、评分表、满意度调查），输入单元格已命名并带数据验证，可在 Excel、WPS 或
LibreOffice 中填写，再用 jixiao score 评分。
Writes a blank workbook (summary form, scoring table, survey tally) whose input cells are named and
validated; fill it in Excel, WPS or LibreOffice, then score it with jixiao score.

选项 Options:
  -o, --output FILE.xlsx  输出文件（必填；整体写入，失败时不留下半个文件）
                          the file to write (required; written whole or not at all)
  --scheme ID             评分方案，默认 dept-2013        scoring scheme (default dept-2013)
  --dept NAME             预先填入部门（单位）名称          prefill the unit's name
  --year YYYY             预先填入评价年度（2000–2100）     prefill the year evaluated
  --unit 元|万元          金额单位                          the money unit of all amounts
  -h, --help              显示本说明                        show this help
`;

export const SCORE_USAGE = `用法 Usage:
  jixiao score FILE.xlsx [-o OUT.xlsx] [--json]
  jixiao score --inputs INPUTS.json [--scheme dept-2013] [--json]

读取填好的工作簿（按其中的名称识别评分方案），计算每项指标的得分和计算过程、合计和自我评价结论，
打印评分表和发现的问题。给出 -o 时把得分、计算过程、合计和结论写入 OUT（原文件不变，除非 OUT 就是原文件）。
Reads a filled workbook (its defined names tell the scheme), computes every indicator with its calculation
text, the total and the grade, and prints the table and the findings. With -o the scores, texts, total and
grade are written into OUT (FILE is left untouched unless OUT is FILE).

--inputs 读取一个 JSON 对象：键为输入名称（如 in_staff_quota），值为数字、文字或 true/false，
in_survey_answers 为逐份问卷的答案数组。
--inputs reads a JSON object whose keys are the scheme's input names (e.g. in_staff_quota); values are
numbers, strings or booleans, and in_survey_answers is an array of rows (one per questionnaire).

选项 Options:
  -o, --output OUT.xlsx   写入评分结果的工作簿（只用于 FILE.xlsx）
                          the workbook to write the results into (with FILE.xlsx only)
  --inputs INPUTS.json    从 JSON 读取输入，代替工作簿       read the inputs from JSON instead of a workbook
  --scheme ID             评分方案（--inputs 时默认 dept-2013） scoring scheme (default dept-2013 for --inputs)
  --json                  只输出 JSON 结果                   print the result as JSON, nothing else
  -h, --help              显示本说明                         show this help

退出状态 Exit status: 0 无错误 no errors · 1 有错误 error findings · 2 调用或文件有误 wrong call or file
`;
