/**
 * The template plan: pure data describing the three sheets, which both renderers (exceljs, Office.js) draw.
 */
import { formulaDerivations, nameLocations, outputHomes, planTemplate, schemeNames, sheetOf, showName } from '../../src/workbook/template';
import type { PlanCell, SheetPlan, TemplatePlan } from '../../src/workbook/template';
import { corners } from '../../src/workbook/template/geometry';
import { scheme } from './helpers';

const plan = planTemplate(scheme, { dept: '示例县政务服务中心', year: 2024, unit: '元' });
const cellAt = (sheet: SheetPlan, address: string): PlanCell | undefined => sheet.cells.find((c) => c.address === address);
const inRange = (range: string, address: string) => {
  const r = corners(range);
  const a = corners(address);
  return a.left >= r.left && a.left <= r.right && a.top >= r.top && a.top <= r.bottom;
};

describe('names', () => {
  it('has every input and output name of the scheme exactly once, and no other', () => {
    const { inputs, outputs } = schemeNames(scheme);
    const names = plan.names.map((n) => n.name);
    expect(new Set(names).size).toBe(names.length);
    expect([...names].sort()).toEqual([...inputs, ...outputs].sort());
    expect(plan.names.filter((n) => n.role === 'input').map((n) => n.name).sort()).toEqual([...inputs].sort());
    expect(outputs).toHaveLength(21 * 2 + 3);
  });

  it('places each name on a sheet of the plan, on a cell the plan writes', () => {
    const sheets = new Map([...plan.sheets, plan.results].map((s) => [s.name, s]));
    for (const n of plan.names) {
      const sheet = sheets.get(n.sheet)!;
      expect(sheet).toBeDefined();
      expect([n.name, sheet.cells.find((c) => c.address === n.range.split(':')[0])]).toEqual([n.name, expect.anything()]);
    }
  });

  it('shows the outputs where the spec wants them: total, grade and status on top of 基本情况表; text in H and score in I of 评分表', () => {
    const home = outputHomes(plan);
    expect(home.get('score_total')).toEqual({ sheet: '基本情况表', range: 'D2' });
    expect(home.get('score_grade')).toEqual({ sheet: '基本情况表', range: 'D3' });
    expect(home.get('status_text')).toEqual({ sheet: '基本情况表', range: 'D4' });
    scheme.indicators.forEach((ind, i) => {
      expect(home.get(`text_${ind.id}`)).toEqual({ sheet: '评分表', range: `H${4 + i}` });
      expect(home.get(`score_${ind.id}`)).toEqual({ sheet: '评分表', range: `I${4 + i}` });
    });
    expect(home.size).toBe(schemeNames(scheme).outputs.length);
    const at = nameLocations(plan);
    expect(at.get('in_survey_answers')).toMatchObject({ sheet: '满意度调查', range: 'C4:L33', role: 'input' });
    expect(at.get('in_staff_quota')).toMatchObject({ sheet: '基本情况表', range: 'D12' });
  });

  it('keeps every output under its name on the very hidden results sheet, one row each, name in A and value in B', () => {
    const at = nameLocations(plan);
    expect(plan.results.name).toBe('jixiao_out');
    schemeNames(scheme).outputs.forEach((name, i) => {
      expect(at.get(name)).toMatchObject({ sheet: 'jixiao_out', range: `B${2 + i}`, role: 'output' });
      expect(plan.results.cells.find((c) => c.address === `A${2 + i}`)!.value).toBe(name);
    });
    expect(plan.results.cells.find((c) => c.address === at.get('status_text')!.range)!.value).toBe('尚未评分');
    expect(plan.results.cells.some((c) => c.formula)).toBe(false);
  });

  it('shows each output in a locked cell through a formula reading its name, blank as blank, with what it computes', () => {
    const home = outputHomes(plan);
    for (const [name, where] of home) {
      const cell = cellAt(plan.sheets.find((s) => s.name === where.sheet)!, where.range)!;
      expect([name, cell.formula, cell.derive]).toEqual([name, `IF(${name}="","",${name})`, { kind: 'name', name }]);
      expect(plan.styles[cell.style].locked).toBe(true);
    }
    expect(cellAt(summary(), 'D4')!.value).toBe('尚未评分');
    expect(showName('score_total')).toBe('IF(score_total="","",score_total)');
  });

  it('knows what every formula computes: each formula that shows a name has that name’s derive', () => {
    const derivations = formulaDerivations(plan);
    for (const sheet of plan.sheets) {
      for (const c of sheet.cells.filter((x) => x.formula)) {
        expect([sheet.name, c.address, c.derive]).toEqual([sheet.name, c.address, expect.objectContaining({ kind: expect.any(String) })]);
        expect(derivations.get(c.formula!)).toEqual(c.derive);
        const d = c.derive!;
        if (d.kind === 'name') expect([c.address, [d.name, showName(d.name)].includes(c.formula!)]).toEqual([c.address, true]);
      }
    }
  });

  it('lays the summary fields out in the order of layout.summary, one row each', () => {
    const at = nameLocations(plan);
    const rows = scheme.layout.summary.sections.flatMap((s) => s.fields).map((f) => Number(at.get(f)!.range.slice(1)));
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
    expect(new Set(rows).size).toBe(rows.length);
  });
});

function summary() {
  return sheetOf(plan, 'summary');
}

describe('inputs', () => {
  const summary = sheetOf(plan, 'summary');

  it('unlocks exactly the input cells, and every one has a warning-style validation with a Chinese prompt', () => {
    for (const sheet of plan.sheets) {
      for (const c of sheet.cells) {
        const unlocked = sheet.unlocked.some((r) => inRange(r, c.address));
        expect([sheet.name, c.address, plan.styles[c.style].locked]).toEqual([sheet.name, c.address, !unlocked]);
      }
    }
    for (const n of plan.names.filter((x) => x.role === 'input')) {
      const sheet = plan.sheets.find((s) => s.name === n.sheet)!;
      const v = sheet.validations.find((x) => inRange(x.range, n.range.split(':')[0]));
      expect(v).toBeDefined();
      expect(v!.errorStyle).toBe('warning');
      expect(v!.prompt.title.length).toBeLessThanOrEqual(32);
      expect(v!.prompt.text).toMatch(/[\u4e00-\u9fa5]/);
    }
  });

  it('validates by kind: 是/否, 元/万元, whole numbers, years, amounts, bounded numbers, dates, survey answers', () => {
    const rule = (name: string) => {
      const n = nameLocations(plan).get(name)!;
      return plan.sheets.find((s) => s.name === n.sheet)!.validations.find((v) => inRange(v.range, n.range.split(':')[0]))!.rule;
    };
    expect(rule('in_goal_fit_1')).toEqual({ type: 'list', values: ['是', '否'] });
    expect(rule('in_unit')).toEqual({ type: 'list', values: ['元', '万元'] });
    expect(rule('in_staff_quota')).toEqual({ type: 'whole', min: 0 });
    expect(rule('in_year')).toEqual({ type: 'whole', min: 2000, max: 2100 });
    expect(rule('in_assets_total')).toEqual({ type: 'decimal', min: 0 });
    expect(rule('in_budget_adjust')).toEqual({ type: 'decimal' });
    expect(rule('in_benefit_social')).toEqual({ type: 'decimal', min: 0, max: 4 });
    expect(rule('in_fill_date')).toEqual({ type: 'date', min: '2000-01-01', max: '2100-12-31' });
    expect(rule('in_survey_answers')).toEqual({ type: 'list', values: ['非常满意', '满意', '一般', '不满意', '5', '4', '3', '0'] });
    expect(rule('in_duties')).toEqual({ type: 'any' });
  });

  it('prefills the unit, year and name from the options; the unit defaults to 万元', () => {
    const at = nameLocations(plan);
    expect(cellAt(summary, at.get('in_dept_name')!.range)!.value).toBe('示例县政务服务中心');
    expect(cellAt(summary, at.get('in_year')!.range)!.value).toBe(2024);
    expect(cellAt(summary, at.get('in_unit')!.range)!.value).toBe('元');
    const blank = planTemplate(scheme);
    const s = sheetOf(blank, 'summary');
    expect(cellAt(s, 'D8')!.value).toBeUndefined();
    expect(cellAt(s, nameLocations(blank).get('in_unit')!.range)!.value).toBe('万元');
  });

  it('shows each amount’s unit from 金额单位 (a formula), other inputs their own unit, and a hint', () => {
    const row = (name: string) => Number(nameLocations(plan).get(name)!.range.slice(1));
    expect(cellAt(summary, `E${row('in_assets_total')}`)).toMatchObject({
      formula: 'IF(in_unit="","",in_unit)',
      value: '元',
      derive: { kind: 'name', name: 'in_unit' },
    });
    expect(cellAt(summary, `E${row('in_staff_quota')}`)!.value).toBe('人');
    expect(cellAt(summary, `F${row('in_goal_fit_1')}`)!.value).toBe('是／否');
  });

  it('gives wide texts a merged line and long texts a tall merged block', () => {
    const row = (name: string) => Number(nameLocations(plan).get(name)!.range.slice(1));
    const height = (r: number) => summary.rows.find((x) => x.row === r)?.height ?? 15;
    expect(summary.merges).toContain(`D${row('in_dept_name')}:F${row('in_dept_name')}`);
    expect(summary.merges).toContain(`D${row('in_duties')}:F${row('in_duties')}`);
    expect(height(row('in_duties'))).toBeGreaterThanOrEqual(100);
    expect(height(row('in_dept_head'))).toBeLessThan(40);
    expect(plan.styles[cellAt(summary, `D${row('in_duties')}`)!.style]).toMatchObject({ wrap: true, vertical: 'top', locked: false });
  });
});

describe('评分表', () => {
  const sheet = sheetOf(plan, 'scoring');

  it('has the title, the official eight headers in A–H and 得分 in I', () => {
    expect(cellAt(sheet, 'A1')!.value).toBe('部门整体支出绩效评价指标评分表');
    expect('ABCDEFGH'.split('').map((c) => cellAt(sheet, `${c}3`)!.value)).toEqual(scheme.layout.scoring.headers);
    expect(cellAt(sheet, 'I3')!.value).toBe('得分');
    expect(cellAt(sheet, 'D2')).toMatchObject({ formula: 'IF(in_dept_name="","",in_dept_name)', value: '示例县政务服务中心' });
  });

  it('merges 一级, 二级 and its weight over their indicators, and the one criteria text of the three 效益', () => {
    expect(sheet.merges).toEqual(expect.arrayContaining(['A4:A8', 'A9:A18', 'A19:A20', 'A21:A24']));
    expect(sheet.merges).toEqual(expect.arrayContaining(['B4:B5', 'C4:C5', 'B6:B8', 'C6:C8', 'B21:B24', 'C21:C24']));
    expect(sheet.merges).toContain('F21:F23');
    expect(sheet.merges.filter((m) => m.startsWith('F'))).toEqual(['F21:F23', 'F25:G25']); // 效益 criteria; the blank of 合计
    expect(cellAt(sheet, 'C6')!.value).toBe(12);
    expect(cellAt(sheet, 'F21')!.value).toBe(scheme.indicators.find((i) => i.id === 'benefit_economic')!.criteria);
  });

  it('writes one row per indicator and a 合计 row whose H and I show score_total', () => {
    scheme.indicators.forEach((ind, i) => {
      expect(cellAt(sheet, `D${4 + i}`)!.value).toBe(ind.name);
      expect(cellAt(sheet, `E${4 + i}`)!.value).toBe(ind.weight);
    });
    expect(cellAt(sheet, 'A25')!.value).toBe('合计');
    expect(cellAt(sheet, 'C25')!.value).toBe(100);
    expect(cellAt(sheet, 'E25')!.value).toBe(100);
    expect(cellAt(sheet, 'H25')).toMatchObject({ formula: 'score_total', derive: { kind: 'name', name: 'score_total' } });
    expect(cellAt(sheet, 'I25')).toMatchObject({ formula: 'score_total' });
  });

  it('prints landscape, A–H only, with the header rows on every page', () => {
    expect(sheet.print).toMatchObject({ paperSize: 9, orientation: 'landscape', fitToWidth: 1, fitToHeight: 0, area: 'A1:H25', titleRows: '1:3' });
  });
});

describe('满意度调查', () => {
  const sheet = sheetOf(plan, 'survey');

  it('has 序号, the ten questions and 合计 as headers, 30 rows with a points formula each, and the totals', () => {
    expect(cellAt(sheet, 'A1')!.value).toBe('公众或服务对象满意度调查问卷');
    expect(cellAt(sheet, 'A3')!.value).toBe('序号');
    expect(cellAt(sheet, 'C3')!.value).toBe(`Q1\n${scheme.layout.survey.questions[0]}`);
    expect(cellAt(sheet, 'L3')!.value).toBe(`Q10\n${scheme.layout.survey.questions[9]}`);
    expect(cellAt(sheet, 'M3')!.value).toBe('合计');
    expect(cellAt(sheet, 'A33')!.value).toBe(30);
    expect(cellAt(sheet, 'M4')).toMatchObject({ derive: { kind: 'surveyRow', row: 0 } });
    expect(cellAt(sheet, 'M4')!.formula).toBe(
      'IF(COUNTA(C4:L4)=0,"",IF(COUNTA(C4:L4)<10,"未答完",SUMPRODUCT(COUNTIF(C4:L4,{"非常满意","满意","一般","不满意","5","4","3","0"}),{5,4,3,0,5,4,3,0})))',
    );
    expect(cellAt(sheet, 'M34')).toMatchObject({ formula: 'SUM(M4:M33)', derive: { kind: 'surveyPoints' } });
    expect(cellAt(sheet, 'M35')).toMatchObject({ formula: 'COUNT(M4:M33)', derive: { kind: 'surveyCount' } });
    expect(cellAt(sheet, 'M36')).toMatchObject({ derive: { kind: 'name', name: 'score_satisfaction' } });
    expect(sheet.unlocked).toEqual(['C4:L33']);
    expect(sheet.print).toMatchObject({ orientation: 'portrait', titleRows: '1:3', area: 'A1:M36' });
  });

  it('legend explains the four answers and their points', () => {
    expect(String(cellAt(sheet, 'A2')!.value)).toContain('非常满意（5分）、满意（4分）、一般（3分）、不满意（0分）');
  });
});

describe('the plan as a whole', () => {
  it('is plain data (survives JSON), so the Office renderer can take it as it is', () => {
    expect(JSON.parse(JSON.stringify(plan)) as TemplatePlan).toEqual(plan);
  });

  it('uses 宋体 and a 16-point bold title, 9–11 point body text; protects every sheet without a password', () => {
    expect(plan.font).toBe('宋体');
    expect(plan.styles.title).toMatchObject({ size: 16, bold: true });
    for (const [key, s] of Object.entries(plan.styles)) if (key !== 'title') expect([key, s.size >= 9 && s.size <= 11]).toEqual([key, true]);
    for (const sheet of plan.sheets) {
      expect(sheet.protection).toMatchObject({ selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true, formatCells: false });
      expect(sheet.print).toMatchObject({ paperSize: 9, fitToWidth: 1, fitToHeight: 0, centerHorizontally: true });
    }
    expect(plan.sheets.map((s) => [s.name, s.print.orientation])).toEqual([
      ['基本情况表', 'portrait'],
      ['评分表', 'landscape'],
      ['满意度调查', 'portrait'],
    ]);
  });

  it('never writes a cell twice (the merged areas included)', () => {
    for (const sheet of plan.sheets) {
      const covered = new Set<string>();
      const cover = (range: string) => {
        const r = corners(range);
        for (let row = r.top; row <= r.bottom; row++) {
          for (let col = r.left; col <= r.right; col++) {
            const key = `${col}:${row}`;
            expect(covered.has(key)).toBe(false);
            covered.add(key);
          }
        }
      };
      const merged = new Set(sheet.merges.map((m) => m.split(':')[0]));
      sheet.merges.forEach(cover);
      sheet.cells.filter((c) => !merged.has(c.address)).forEach((c) => cover(c.address));
    }
  });
});
