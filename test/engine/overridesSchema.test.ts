/**
 * The JSON Schema shipped beside the schemes (templates/scheme.schema.json): made from the validation code, so the
 * committed copy must be what the code makes now; an editor using it accepts the shipped schemes, the variants
 * and `scheme new`'s files, and flags what `scheme check` refuses for the same reason. Also `scheme new`'s skeleton
 * and the change note between schemes.
 */
import Ajv from 'ajv';
import * as fs from 'fs';
import * as path from 'path';
import {
  changeNote,
  checkSchemeData,
  diffSchemes,
  overrideSkeleton,
  resolvedShipped,
  schemeJsonSchema,
  schemeJsonSchemaText,
  shippedLibrary,
  shippedSchemeData,
} from '../../src/engine';

const ROOT = path.resolve(__dirname, '../..');
const committed = fs.readFileSync(path.join(ROOT, 'templates/scheme.schema.json'), 'utf8');
const read = (rel: string) => JSON.parse(fs.readFileSync(path.join(ROOT, rel), 'utf8')) as Record<string, unknown>;

describe('templates/scheme.schema.json', () => {
  test('is what the validation code makes (npm run build:cli writes it)', () => {
    expect(committed).toBe(schemeJsonSchemaText(shippedLibrary));
  });

  const validate = new Ajv({ allErrors: true }).compile(schemeJsonSchema(shippedLibrary));
  const paths = () => (validate.errors ?? []).map((e) => `${e.dataPath}${e.params && 'additionalProperty' in e.params ? `.${(e.params as { additionalProperty: string }).additionalProperty}` : ''} ${e.keyword}`);

  test('accepts the shipped schemes, the variants and scheme new’s skeletons', () => {
    for (const f of ['dept-2013', 'project-2020', 'dept-2020']) expect([f, validate(read(`templates/${f}.json`))]).toEqual([f, true]);
    for (const f of fs.readdirSync(path.join(ROOT, 'templates/variants'))) expect([f, validate(read(`templates/variants/${f}`))]).toEqual([f, true]);
    for (const id of shippedLibrary.ids()) {
      const skeleton = overrideSkeleton(id, shippedSchemeData(id), { id: `${id}-本地`, schema: './scheme.schema.json' });
      expect([id, validate(skeleton), paths()]).toEqual([id, true, []]);
      expect(checkSchemeData(skeleton).problems).toEqual([]);
    }
  });

  test('flags unknown ids, parameters and keys, wrong types and changed inputs, as scheme check does', () => {
    const base = { extends: 'dept-2013', id: 'x', version: '1' };
    expect(validate({ ...base, weights: { spend_progres: 4 } })).toBe(false);
    expect(paths()).toContain('.weights.spend_progres additionalProperties');
    expect(validate({ ...base, params: { staff_control: { perPonit: 1 } } })).toBe(false);
    expect(paths()).toContain('.params.staff_control.perPonit additionalProperties');
    expect(validate({ ...base, params: { staff_control: { numerator: 'in_staff_quota' } } })).toBe(false);
    expect(paths()).toContain('.params.staff_control.numerator const');
    expect(validate({ ...base, params: { goal_fit: { items: [{ points: 1 }] } } })).toBe(false);
    expect(paths()).toContain('.params.goal_fit.items minItems');
    expect(validate({ ...base, version: 1, weight: {} })).toBe(false);
    expect(paths()).toEqual(expect.arrayContaining(['.version type', '.weight additionalProperties']));
    expect(validate({ ...base, targets: { inverse: 'ratio' } })).toBe(false);
    expect(validate({ ...base, extends: 'project-2020', targets: { inverse: 'ratio', overshoot: { deduct: 2 } }, weights: { exec: 10, 产出指标: 50 } })).toBe(true);
    expect(validate({ ...base, extends: 'dept-2099' })).toBe(false);
    expect(validate({ ...base, $comment: '说明' })).toBe(true);
  });

  test('describes the keys in Chinese for the editor, with each indicator’s name and weight', () => {
    const text = committed;
    expect(text).toContain('"description": "过程/预算执行/\\"三公经费\\"控制率（原分值4）"');
    expect(text).toContain('"description": "每个百分点扣分"');
    expect(text).toContain('"description": "评价等级：各等级的最低分（含），由高到低；低于最后一档为最低等级"');
  });
});

describe('scheme new’s skeleton', () => {
  test('every weight, the grades above the lowest, and each rule’s editable parameters at the base’s values', () => {
    const s = overrideSkeleton('dept-2013', shippedSchemeData('dept-2013'), { id: 'dept-2013-本地', schema: '../scheme.schema.json' }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(Object.keys(s)).toEqual(['$schema', 'extends', 'id', 'version', 'title', 'weights', 'grades', 'params']);
    expect(Object.keys(s.weights)).toHaveLength(21);
    expect(s.grades).toEqual({ 优: 90, 良: 80, 中: 60 });
    expect(s.params.staff_control).toEqual({ zeroDenominator: 'invalid', cap: 100, perPoint: 0.4 });
    expect(s.params.goal_fit).toEqual({ items: [{ points: 1 }, { points: 1 }, { points: 1 }] });
    expect(s.params.benefit_economic).toBeUndefined();
    // the skeleton changes nothing: the same rules as the base
    const r = checkSchemeData(s).resolved!;
    expect(diffSchemes(resolvedShipped('dept-2013'), r).filter((c) => c.section !== 'meta')).toEqual([]);
    const p = overrideSkeleton('project-2020', shippedSchemeData('project-2020'), { id: 'p', minimal: true });
    expect(p).toEqual({ extends: 'project-2020', id: 'p', version: '1', title: '项目支出绩效自评表' });
    const full = overrideSkeleton('project-2020', shippedSchemeData('project-2020'), { id: 'p' }) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(full.weights).toEqual({ exec: 10, 产出指标: 50, 效益指标: 30, 满意度指标: 10 });
    expect(full.targets).toEqual({ execution: { base: 'full' }, inverse: 'linear', overshoot: { ratio: 1.2, deduct: 0 }, bands: { achieved: 80, partial: 60 }, cap: [] });
  });
});

describe('the change note', () => {
  const regional = checkSchemeData({
    extends: 'dept-2013',
    id: 'dept-2013-示例县',
    version: '2024.1',
    title: '示例县部门整体支出绩效评价指标评分表',
    weights: { sangong_control: 2, spend_progress: 6 },
    grades: { 优: 85, 良: 75, 中: 60 },
    params: { staff_control: { perPoint: 0.5 } },
    wording: { staff_control: { criteria: '以100%为标准。在职人员控制率≦100%，计4分；每超过一个百分点扣0.5分，扣完为止。' } },
  }).resolved!;

  test('weights, grades, parameters and wording, each at its override key, from and to', () => {
    const changes = diffSchemes(resolvedShipped('dept-2013'), regional);
    expect(changes.map((c) => [c.section, c.path, c.fromText, c.toText])).toEqual([
      ['meta', 'version', '“1.0.0”', '“2024.1”'],
      ['meta', 'title', '“部门整体支出绩效评价指标评分表”', '“示例县部门整体支出绩效评价指标评分表”'],
      ['weights', 'weights.spend_progress', '4分', '6分'],
      ['weights', 'weights.sangong_control', '4分', '2分'],
      ['grades', 'grades.优', '90分（含）以上', '85分（含）以上'],
      ['grades', 'grades.良', '80分（含）至90分', '75分（含）至85分'],
      ['grades', 'grades.中', '60分（含）至80分', '60分（含）至75分'],
      ['params', 'params.staff_control.perPoint', '0.4分', '0.5分'],
      ['wording', 'wording.staff_control.criteria', '“以100%为标准。在职人员控制率≦100%，计4分；每超过一个百分点扣0.4分，扣完为止。”', '“以100%为标准。在职人员控制率≦100%，计4分；每超过一个百分点扣0.5分，扣完为止。”'],
    ]);
    expect(changes[2]).toMatchObject({ subject: '过程/预算执行/支出进度（spend_progress）', what: '分值', from: 4, to: 6 });
  });

  test('as the text a bureau publishes', () => {
    const note = changeNote(resolvedShipped('dept-2013'), regional, diffSchemes(resolvedShipped('dept-2013'), regional));
    expect(note.split('\n').slice(0, 16)).toEqual([
      '评分方案变更说明',
      '原方案：部门整体支出绩效评价指标评分表（dept-2013，版本 1.0.0）',
      '新方案：示例县部门整体支出绩效评价指标评分表（dept-2013-示例县，版本 2024.1）',
      '',
      '一、方案信息（2处）',
      '  1. 版本：“1.0.0” → “2024.1”',
      '  2. 标题：“部门整体支出绩效评价指标评分表” → “示例县部门整体支出绩效评价指标评分表”',
      '',
      '二、分值（2处）',
      '  1. 过程/预算执行/支出进度（spend_progress）：4分 → 6分',
      '  2. 过程/预算执行/"三公经费"控制率（sangong_control）：4分 → 2分',
      '',
      '三、评价等级（3处）',
      '  1. 优，分数区间：90分（含）以上 → 85分（含）以上',
      '  2. 良，分数区间：80分（含）至90分 → 75分（含）至85分',
      '  3. 中，分数区间：60分（含）至80分 → 60分（含）至75分',
    ]);
    expect(note).toContain('四、评分参数（1处）\n  1. 投入/预算配置/财政供养人员控制率（staff_control），每个百分点扣分（perPoint）：0.4分 → 0.5分');
    expect(note).toContain('五、指标名称和评价标准（1处）\n  1. 投入/预算配置/财政供养人员控制率（staff_control），评价标准（criteria）：\n     原：“以100%为标准。');
    expect(changeNote(regional, regional, [])).toContain('两个方案的评分规则和文字完全相同。');
  });

  test('target-table parameters and different schemes’ structure', () => {
    const capped = checkSchemeData(read('templates/variants/project-2020-capped.json')).resolved!;
    const changes = diffSchemes(resolvedShipped('project-2020'), capped).filter((c) => c.section === 'targets');
    expect(changes.map((c) => [c.path, c.fromText, c.toText])).toEqual([
      ['targets.inverse', '按超出比例扣分 W×(1−(A−T)/T)', '按比例计分 W×T/A'],
      ['targets.overshoot.deduct', '不扣分', '2分'],
      ['targets.cap', '不限制', '执行率低于80%的，总分不超过80分；执行率低于60%的，总分不超过60分'],
    ]);
    const across = diffSchemes(resolvedShipped('dept-2013'), resolvedShipped('dept-2020'));
    expect(across.filter((c) => c.section === 'structure' && c.what === '指标' && c.to === null)).toHaveLength(21);
    expect(across.some((c) => c.path === 'layout')).toBe(true);
  });
});
