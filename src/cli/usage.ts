/** Usage texts, Chinese first, then English; printed by --help (stdout, exit 0). */

export const MAIN_USAGE = `jixiao — 绩效自评：生成模板，给填好的工作簿评分
jixiao — performance self-evaluation forms: templates and scoring

评分方案 Schemes:
  dept-2013     部门整体支出绩效评价（2013 版评分表，100分共性指标）
  project-2020  项目支出绩效自评表（一个项目一张表，另有项目自评汇总）
  dept-2020     部门整体支出绩效自评表（绩效目标表）与基础数据表

用法 Usage:
  jixiao template -o FILE.xlsx [--scheme dept-2013] [--projects N] [--dept NAME] [--year YYYY] [--unit 元|万元]
  jixiao template -o FILE.xlsx --inputs INPUTS.json [--scheme dept-2013]
  jixiao score FILE.xlsx [-o OUT.xlsx] [--scheme ID|FILE] [--json]
  jixiao score --inputs INPUTS.json [--scheme dept-2013] [--json]
  jixiao export FILE.xlsx [-o OUT.xlsx|DIR] [--scheme ID|FILE] [--pdf] [--force]
  jixiao scheme list|new|check|diff|catalog …
  jixiao import FILE -o OUT.xlsx [--scheme ID|FILE] [--next-year]
  jixiao check DIR|FILE… [-o 审核汇总.xlsx] [--json] [--year YYYY] [--scheme ID|FILE]
  jixiao COMMAND --help
  jixiao --version

命令 Commands:
  template  生成模板：各工作表、命名的输入单元格、数据验证、样式和打印设置；--inputs 时填入数据并评分
            write a template: the scheme's sheets, named inputs, validation, styles, print setup; filled with --inputs
  score     读取填好的工作簿（或输入 JSON），计算每项指标的得分、合计和自我评价结论
            score a filled workbook (or a JSON of inputs): every indicator, the total and the grade
  export    生成报送版：各表只保留数值、全部锁定，可另附 PDF
            write the version to submit: the forms, values only, locked; optionally a PDF
  scheme    本地区的评分方案文件：列出、新建、检查、比较（--scheme 可用方案文件）
            a region's scheme files: list, new, check, diff (any --scheme takes such a file)
  import    把手工填写的表格（.xlsx、.docx，经 LibreOffice 可读 .xls、.doc、.et、.wps）导入为本工具的工作簿
            make a hand-made table (.xlsx, .docx; .xls, .doc, .et, .wps through LibreOffice) a workbook of its scheme
  check     审核收到的文件：逐表复核，与文件中的得分、总分、等级和同步记录比较，可写出审核汇总
            review the files received: rescore every form, compare with what each file shows, summarise

退出状态 Exit status:
  0  评分完成，没有错误                       scored, no error-severity finding
  1  已尽量评分，但有错误（见“错误”一节）     scored as far as possible, with error findings
  2  调用有误，或文件无法作为本工具的工作簿读取；未写入任何文件
     wrong call, or a file that is not a workbook of a known scheme; nothing was written
`;

export const TEMPLATE_USAGE = `用法 Usage:
  jixiao template -o FILE.xlsx [--scheme dept-2013] [--projects N] [--dept NAME] [--year YYYY] [--unit 元|万元]
  jixiao template -o FILE.xlsx --inputs INPUTS.json [--scheme dept-2013]

生成空白模板，输入单元格已命名并带数据验证，可在 Excel、WPS 或 LibreOffice 中填写，再用 jixiao score 评分：
  dept-2013     基本情况表、评分表、满意度调查
  project-2020  每个项目一张项目支出绩效自评表（--projects N，默认 1），另有项目自评汇总
  dept-2020     部门整体支出绩效自评表、部门整体支出绩效评价基础数据表
绩效指标表可在表内两行之间插入或删除整行（Excel、WPS、LibreOffice 均可），名称随之伸缩。
--inputs 读取与 score --inputs 相同的 JSON，生成已填入这些数据（含全部指标行）并评分的模板；
project-2020 的多个项目写作 { "forms": [ 每个项目一个对象 ] }，工作表以项目名称命名。
Writes a blank workbook whose input cells are named and validated; fill it in Excel, WPS or LibreOffice, then
score it with jixiao score. The indicator tables take rows inserted or deleted inside them. With --inputs
(the JSON of score --inputs; several projects as { "forms": [...] }) the template is written filled and scored.

选项 Options:
  -o, --output FILE.xlsx  输出文件（必填；整体写入，失败时不留下半个文件）
                          the file to write (required; written whole or not at all)
  --scheme ID|FILE        评分方案编号或方案文件（.json），默认 dept-2013
                          scheme id or scheme file (.json), default dept-2013
  --projects N            项目数（project-2020，1–50）       how many project sheets (project-2020)
  --inputs INPUTS.json    填入这些数据并评分                fill in these inputs and score them
  --dept NAME             预先填入部门（单位）名称          prefill the unit's name
  --year YYYY             预先填入评价年度（2000–2100）     prefill the year evaluated
  --unit 元|万元          金额单位                          the money unit of all amounts
  -h, --help              显示本说明                        show this help
`;

export const SCORE_USAGE = `用法 Usage:
  jixiao score FILE.xlsx [-o OUT.xlsx] [--scheme ID|FILE] [--json]
  jixiao score --inputs INPUTS.json [--scheme dept-2013] [--json]
  jixiao score HANDMADE.xlsx|.docx|.xls|.doc|.et|.wps [--json]

读取填好的工作簿（按工作簿所带的评分方案，或按其中的名称识别评分方案），计算每项指标的得分和计算过程、合计和自我评价结论，
打印评分表和发现的问题。给出 -o 时把得分、计算过程、合计和结论写入 OUT（原文件不变，除非 OUT 就是原文件）。
含多个项目的工作簿逐个项目评分；--json 输出 { "scheme", "forms": [每个项目一个对象] }。
Reads a filled workbook (by the scheme it carries, else the one its defined names show), computes every indicator with its calculation
text, the total and the grade, and prints the table and the findings. With -o the scores, texts, total and
grade are written into OUT (FILE is left untouched unless OUT is FILE). A workbook of several projects is
scored project by project; --json then prints { "scheme", "forms": [one object per project] }.

--inputs 读取一个 JSON 对象：键为输入名称（如 in_staff_quota），值为数字、文字或 true/false，
in_survey_answers 为逐份问卷的答案数组。
--inputs reads a JSON object whose keys are the scheme's input names (e.g. in_staff_quota); values are
numbers, strings or booleans, and in_survey_answers is an array of rows (one per questionnaire).

手工填写的表格（不是本工具生成的 .xlsx，或 Word 报告中的表格；.xls、.doc、.et、.wps、.ods 经 LibreOffice
转换）：打印读到的内容（表、各行、所写的总分和等级）、发现的问题（计算过程 claim_mismatch、得分
self_score_mismatch、合计 total_mismatch、等级 grade_mismatch 等）和重新计算的结果；--json 输出
{ "kind": "handmade", "forms": [...] }，每张表含 shown（表中所写）和 total/grade（重新计算）。不能用 -o。
A hand-made table (an .xlsx not made by jixiao, or the tables of a Word report; .xls, .doc, .et, .wps, .ods
through LibreOffice): prints what it read (the form, its rows, the total and grade written), what it found
and the rescoring; --json prints { "kind": "handmade", "forms": [...] } with shown (as written) and
total/grade (recomputed). No -o.

选项 Options:
  -o, --output OUT.xlsx   写入评分结果的工作簿（只用于 FILE.xlsx）
                          the workbook to write the results into (with FILE.xlsx only)
  --inputs INPUTS.json    从 JSON 读取输入，代替工作簿       read the inputs from JSON instead of a workbook
  --scheme ID|FILE        评分方案编号或方案文件（.json）；--inputs 时默认 dept-2013；工作簿默认用其所带的方案
                          scheme id or scheme file (.json); default dept-2013 for --inputs, for a
                          workbook the scheme it carries
  --json                  只输出 JSON 结果                   print the result as JSON, nothing else
  -h, --help              显示本说明                         show this help

退出状态 Exit status: 0 无错误 no errors · 1 有错误 error findings · 2 调用或文件有误 wrong call or file
`;

export const EXPORT_USAGE = `用法 Usage: jixiao export FILE.xlsx [-o OUT.xlsx|DIR] [--scheme ID|FILE] [--pdf] [--force]

读取填好（或已评分）的工作簿，重新评分，生成报送版。dept-2013：基本情况表、评分表、满意度调查三张表，公式全部
换成数值，不含辅助工作表和加载项设置，所有单元格锁定、工作表保护（无密码），保留打印设置（A4，评分表
横向，按页宽缩放，每页重复标题行）和名称（报送版仍可用 jixiao score 复核）。
有错误时不生成，列出错误（退出状态 1）；加 --force 仍然生成，并在基本情况表顶部和每页页眉注明
“本表尚未完成”。
Reads a filled (or scored) workbook, scores it and writes the version to submit: the three sheets with
every formula replaced by its value, no helper sheets or add-in settings, every cell locked and every sheet
protected (no password), print setup kept (A4, 评分表 landscape, fit to width, title rows on every page) and
the defined names kept (jixiao score can re-check it). With error findings nothing is written and the
errors are listed (exit 1); --force writes it anyway, marked incomplete at the top of 基本情况表 and in
every page header.

project-2020、dept-2020：按全国通用格式打印（指标性质和度量单位并入年度指标值，如 ≥95%），同样只保留数值、
全部锁定，保留名称（可再评分），不含辅助工作表。
project-2020 and dept-2020: the national printed layout (指标性质 and 度量单位 folded into 年度指标值, ≥95%),
values only, locked, names kept, no helper sheets.

默认文件名 Default file name: {部门名称}{年度}年度部门整体支出绩效自评表.xlsx；
  项目：{项目名称}{年度}年度项目支出绩效自评表.xlsx（一个项目），{主管部门}{年度}年度项目支出绩效自评表.xlsx（多个项目）

选项 Options:
  -o, --output OUT.xlsx|DIR  输出文件；给出文件夹（或省略，即当前文件夹）时用默认文件名
                             the file to write; a folder (default: the current one) takes the default name
  --pdf                      另外用 LibreOffice 打印成 PDF（OUT 同名 .pdf）；需要安装 LibreOffice
                             （soffice 在 PATH 中，或用环境变量 JIXIAO_SOFFICE 指定）
                             also print it to OUT with .pdf through LibreOffice (soffice on PATH,
                             or set JIXIAO_SOFFICE)
  --force                    有错误也生成，注明“本表尚未完成”      write it despite errors, marked incomplete
  --scheme ID|FILE           按此评分方案评分（默认用工作簿所带的方案）；与制表所用方案不同时提示
                             score with this scheme (default: the one the workbook carries); says so
                             when the file was made with another
  -h, --help                 显示本说明                            show this help

报送版带有制表所用的评分方案（隐藏），在没有该方案文件的电脑上也按同样的规则复核。
The 报送版 carries the scheme it was made with (hidden): it re-scores by the same rules anywhere.

退出状态 Exit status: 0 已生成 written · 1 有错误：未生成，或 --force 时已生成并注明未完成 error findings:
nothing written, or with --force written and marked incomplete · 2 调用或文件有误、找不到 LibreOffice，
未写入任何文件 wrong call or file, or no LibreOffice; nothing written
`;

export const SCHEME_USAGE = `用法 Usage:
  jixiao scheme list [--dir DIR] [--json]
  jixiao scheme new --from ID -o FILE.json [--id ID] [--version V] [--minimal] [--force]
  jixiao scheme check FILE.json… [--json]
  jixiao scheme diff A B [--json]
  jixiao scheme catalog DIR [--json]

本地区的评分方案：在内置方案（dept-2013、project-2020、dept-2020）基础上只写不同之处的覆盖文件
（分值、评价等级、评分参数、绩效目标表参数、评价标准文字），或完整的方案文件。各命令的 --scheme
都可以给出这样的文件，或 schemes 文件夹中方案的编号。
A region's scoring rules: an override file that names a shipped scheme and holds only what differs
(weights, grade bands, rule and target-table parameters, wording), or a whole scheme file. Every
--scheme option takes such a file, or the id of a scheme in the schemes folder.

子命令 Subcommands:
  list    列出内置方案，以及当前文件夹下 schemes 文件夹（或 --dir）中的方案文件，无效的注明
          the shipped schemes and the scheme files in ./schemes (or --dir); invalid ones marked
  new     以内置方案为底生成覆盖文件，列出其全部分值、等级和参数，带 $schema 供编辑器补全；
          已存在的文件不覆盖，除非 --force。--minimal 只写文件头
          an override file to edit with every weight, grade and parameter of the base, and $schema
          for editor completion; an existing file is kept unless --force; --minimal writes the head only
  check   检查方案文件：每个问题给出行号、位置（JSON 路径）和改法；有问题时退出状态 1
          every problem with its line, place (JSON path) and fix; exit 1 when there is any
  diff    比较两个方案（编号或文件），列出分值、等级、参数和文字的变化，可作为变更说明发布
          the change note from A to B: weights, grades, parameters and wording that differ
  catalog 检查文件夹中的方案文件并写出目录 DIR/index.json，供网页和加载项启动时读取（把 DIR 作为
          schemes 文件夹放在 taskpane.html 旁边）；无效的文件也列出并注明原因，退出状态 1
          checks the scheme files of DIR and writes DIR/index.json, which the page and the add-in
          read at start (serve DIR as the schemes folder beside taskpane.html); invalid files are
          listed with their reason, and exit 1

选项 Options:
  --dir DIR        list：方案文件所在的文件夹（默认 ./schemes）     list: the folder of scheme files
  --from ID        new：基于的内置方案                               new: the shipped scheme to start from
  -o FILE.json     new：要写入的覆盖文件                             new: the override file to write
  --id ID          new：方案编号（默认“内置编号-文件名”）          new: the scheme id (default ID-FILENAME)
  --version V      new：版本号（默认 1）                             new: its version (default 1)
  --json           输出 JSON                                         print JSON
  -h, --help       显示本说明                                        show this help

退出状态 Exit status: 0 正常 ok · 1 方案文件有问题（check；list 发现无效文件）problems found ·
2 调用有误或文件无法读取 wrong call or unreadable file
`;

export const IMPORT_USAGE = `用法 Usage: jixiao import FILE -o OUT.xlsx [--scheme ID|FILE] [--next-year]

把手工填写的标准表格导入为本工具的工作簿（对应的评分方案，已填入并评分）：项目/部门整体支出绩效自评表的
全部指标行和资金；2013 版评分表中计算过程写明的输入（如（17/22）×100% 中的 17 和 22），其余留空并逐项
列出（输入名称和原表中的单元格）。一个文件中有多个项目时，每个项目一张工作表。FILE 可以是 .xlsx、.docx，
经 LibreOffice 可读取 .xls、.et、.ods、.doc、.wps。原文件不变。
Makes a hand-made standard table a workbook of its scheme, filled and scored: every row and the funds of a
target table; for a 2013-style 评分表 the inputs its calculation texts state (17 and 22 from
（17/22）×100%), the rest left blank and listed (field and source cell). Several projects in one file
become several project sheets. FILE is .xlsx or .docx, or .xls/.et/.ods/.doc/.wps through LibreOffice.
FILE is never changed.

选项 Options:
  -o, --output OUT.xlsx   要写入的工作簿（必需）                   the workbook to write (required)
  --scheme ID|FILE        评分方案编号或方案文件（.json）；默认按表格识别
                          scheme id or scheme file (.json); default: as the table is recognised
  --next-year             作为下一年度的表：保留指标、指标值和分值，清空实际完成值、得分、偏差原因和资金，年度加一
                          next year's form: targets and weights kept; actuals, scores, deviations and
                          funds cleared; the year one on
  -h, --help              显示本说明                               show this help

退出状态 Exit status: 0 已写入 written · 2 调用有误、文件无法读取，或文件中没有可以导入的表格；未写入任何文件
wrong call, unreadable file, or no table that can be placed; nothing written
`;

export const CHECK_USAGE = `用法 Usage:
  jixiao check DIR|FILE… [-o 审核汇总.xlsx] [--json] [--year YYYY] [--scheme ID|FILE]

审核收到的文件（文件夹逐层查找 .xlsx、.docx，以及经 LibreOffice 转换的 .xls/.et/.ods/.doc/.wps）：识别每个文件
（工作文件、报送版、手工表格、非本工具文件、无法读取的文件及原因），逐表重新评分，与文件中显示的得分、总分、
等级及同步记录比较，给出结论（通过 / 需核实 / 需修改）和问题；并检查同一单位重复报送、不同单位数据完全相同。
不会改动被审核的文件。
Reviews every file given (folders recursively): identifies it, rescores each form, compares with the scores,
total and grade the file shows and with its sync record, gives each form a verdict (pass / verify / fix) with
its findings, and checks the batch for duplicates and identical inputs. The files reviewed are never written.

选项 Options:
  -o, --output 审核汇总.xlsx  写出审核汇总工作簿：汇总、问题清单、等级分布
                          write the summary workbook (one row per form, one per finding, grades)
  --json                  输出 JSON（文件、各表结论与问题、汇总）     print the review as JSON
  --year YYYY             审核年度：其他年度的表标出 year_mismatch     the year under review
  --scheme ID|FILE        评分方案：用其他方案或版本制作的表标出 scheme_mismatch
                          the scheme expected; forms made with another are flagged
  -h, --help              显示本说明                        show this help

退出状态 Exit status:
  0  每张表都通过                                   every form passes
  1  有表需核实或需修改，或有文件无法审核           a form needs a look or a fix, or a file could not be reviewed
  2  调用有误                                       wrong call
`;
