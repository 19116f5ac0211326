/**
 * The arithmetic-claim checker on calculation texts as officers write them: from the published forms in the
 * seeds, the specs' worked examples and the engine's own texts, with the slips hand-made forms hold
 * (truncation, wrong denominator, swapped operands, 95% for 94.73%, totals that do not add up) and the prose
 * that must not be taken for arithmetic (dates, phone numbers, lists, ranges).
 */
import fc from 'fast-check';
import { Decimal } from '../../src/engine/decimal';
import { claimFindings, findClaims, readExpression } from '../../src/import/claims';
import type { ArithmeticClaim } from '../../src/import/claims';
import { evalWith } from '../engine/helpers';

type Expect = [claim: string, verdict: 'ok'] | [claim: string, verdict: 'mismatch', expected: string] | [claim: string, verdict: 'unchecked'];

function summary(claims: ArithmeticClaim[]): Expect[] {
  return claims.map((c): Expect => {
    if (c.verdict === 'mismatch') return [c.text, 'mismatch', c.expected ?? c.message ?? ''];
    return [c.text, c.verdict] as Expect;
  });
}

/** [calculation text, the verdict on each of its claims in order] */
const CORPUS: [string, Expect[]][] = [
  // the issue's and the specs' examples
  ['（17/22）×100%=77.27%，未超过100%，得4分', [['（17/22）×100%=77.27%', 'ok']]],
  ['财政供养人员控制率=（17/22）×100%=77.27%，未超过100%，得4分', [['（17/22）×100%=77.27%', 'ok']]],
  ['[（11480.07-18007.07）/18007.07]×100%=-36.25%', [['[（11480.07-18007.07）/18007.07]×100%=-36.25%', 'ok']]],
  ['①+②+③=3', [['①+②+③=3', 'unchecked']]],
  ['90/95×10=9.47', [['90/95×10=9.47', 'ok']]],
  ['（29/23）×100%=126.08%', [['（29/23）×100%=126.08%', 'mismatch', '126.09%']]],
  ['执行率=89.8/94.8=94.73%，得分9.47', [['89.8/94.8=94.73%', 'ok']]],
  ['86.20%×10=8.62分', [['86.20%×10=8.62分', 'ok']]],
  ['扣0.4×5=2分', [['0.4×5=2分', 'ok']]],
  ['17/22=77.27%', [['17/22=77.27%', 'ok']]],
  ['（37.24/43.2）×100%=86.20%，86.20%×10=8.62分', [['（37.24/43.2）×100%=86.20%', 'ok'], ['86.20%×10=8.62分', 'ok']]],
  ['完成值90%，未达到指标值≥95%，按完成比例计分：90/95×10=9.47分', [['90/95×10=9.47分', 'ok']]],
  ['138.6/150=92.40%，92.40%×10=9.24分', [['138.6/150=92.40%', 'ok'], ['92.40%×10=9.24分', 'ok']]],
  ['系统可用率99.2%，未达到99.5%：99.2/99.5×10=9.97分', [['99.2/99.5×10=9.97分', 'ok']]],
  ['故障响应2.5小时，超过2小时：5×（1-（2.5-2）/2）=3.75分', [['5×（1-（2.5-2）/2）=3.75分', 'ok']]],
  // the engine's own texts (dept-2013 worked example)
  ['（21/20）×100%=105.00%，超过100%共5.00个百分点，扣2分，得2分', [['（21/20）×100%=105.00%', 'ok']]],
  ['（13-12.5）/12.5×100%=4.00%，超过0共4.00个百分点，扣1.6分，得2.4分', [['（13-12.5）/12.5×100%=4.00%', 'ok']]],
  ['（85.6/100）×100%=85.60%，在80%（含）-90%之间，得3分', [['（85.6/100）×100%=85.60%', 'ok']]],
  ['（30/500）×100%=6.00%，在0-10%（含）之间，得3分', [['（30/500）×100%=6.00%', 'ok']]],
  ['（13/12）×100%=108.33%，超过100%共8.33个百分点，应扣8.33分，扣完为止，得0分', [['（13/12）×100%=108.33%', 'ok']]],
  ['（950/1000）×100%=95.00%，低于100%共5.00个百分点，扣1分，得2分', [['（950/1000）×100%=95.00%', 'ok']]],
  ['①（9/10）×6=5.4分；②（90/100）×4=3.6分；①+②=9分，得9分', [['（9/10）×6=5.4分', 'ok'], ['（90/100）×4=3.6分', 'ok'], ['①+②=9分', 'ok']]],
  ['有效问卷10份（在本表逐份录入），问卷总得分430分，430/（10×50）×8=6.88分', [['430/（10×50）×8=6.88分', 'ok']]],
  // published reports (seeds): the 执行率 of 95% for 89.8/94.8, parts that add up and parts that do not
  ['执行率=89.8/94.8=95%，得分9', [['89.8/94.8=95%', 'mismatch', '94.73%']]],
  ['基本支出14.6万元，占14.6/94.8=15.4%；项目支出80.2万元，占80.2/94.8=84.6%', [['14.6/94.8=15.4%', 'ok'], ['80.2/94.8=84.6%', 'ok']]],
  ['14.6+80.2=94.8万元', [['14.6+80.2=94.8万元', 'ok']]],
  ['13.25+51.76+42.21+6.13+3.45=116.79万元', [['13.25+51.76+42.21+6.13+3.45=116.79万元', 'mismatch', '116.80万元']]],
  ['17.94+33.82=51.76万元', [['17.94+33.82=51.76万元', 'ok']]],
  ['2.0+0.87+12.87+21.94+4.52=42.21万元', [['2.0+0.87+12.87+21.94+4.52=42.21万元', 'mismatch', '42.20万元']]],
  ['3712.50+223.16=3935.66万元', [['3712.50+223.16=3935.66万元', 'ok']]],
  ['投诉工单1106件+6件+12件+6件+3件=1133件', [['1106件+6件+12件+6件+3件=1133件', 'ok']]],
  ['门户网站677条+公众号663条=1340条', [['677条+公众号663条=1340条', 'ok']]],
  ['第一批875项+第二批222项=1097项', [['875项+第二批222项=1097项', 'ok']]],
  // slips
  ['（2/3）×100%=66.66%', [['（2/3）×100%=66.66%', 'mismatch', '66.67%']]],
  ['在职人员控制率=（17/20）×100%=77.27%', [['（17/20）×100%=77.27%', 'mismatch', '85.00%']]],
  ['在职人员控制率=（22/17）×100%=77.27%', [['（22/17）×100%=77.27%', 'mismatch', '129.41%']]],
  ['3+4+2+2.4+3+3+2.5+3+0+4+4+4+4+5+2+9+1+3+3.5+4+6.88=74.28', [['3+4+2+2.4+3+3+2.5+3+0+4+4+4+4+5+2+9+1+3+3.5+4+6.88=74.28', 'mismatch', '73.28']]],
  ['合计：3+4+2+2.4+3+3+2.5+3+0+4+4+4+4+5+2+9+1+3+3.5+4+6.88=73.28分', [['3+4+2+2.4+3+3+2.5+3+0+4+4+4+4+5+2+9+1+3+3.5+4+6.88=73.28分', 'ok']]],
  ['（12-12.5）/12.5×100%=4%，未超过0，得4分', [['（12-12.5）/12.5×100%=4%', 'mismatch', '-4.00%']]],
  ['（12-12.5）/12.5×100%=-4%，未超过0，得4分', [['（12-12.5）/12.5×100%=-4%', 'ok']]],
  ['90/95×10=9.5分', [['90/95×10=9.5分', 'mismatch', '9.47分']]],
  ['1/3=0.3', [['1/3=0.3', 'mismatch', '0.33']]],
  ['（1/3）×0.375=0.12', [['（1/3）×0.375=0.12', 'mismatch', '0.13']]],
  ['（1/3）×0.375=0.13', [['（1/3）×0.375=0.13', 'ok']]],
  ['0.4×5=2.00分', [['0.4×5=2.00分', 'ok']]],
  // full-width, spaces, line breaks, units
  ['（２９／２３）×１００％＝１２６．０８％', [['（２９／２３）×１００％＝１２６．０８％', 'mismatch', '126.09%']]],
  ['（１７／２２）×１００％＝７７．２７％', [['（１７／２２）×１００％＝７７．２７％', 'ok']]],
  ['( 17 / 22 ) × 100 % = 77.27 %', [['( 17 / 22 ) × 100 % = 77.27 %', 'ok']]],
  ['执行率=（89.8/\n94.8）×100%=94.73%', [['（89.8/94.8）×100%=94.73%', 'ok']]],
  ['得4分\n17/22=77.27%', [['17/22=77.27%', 'ok']]],
  ['（11480.07万元-18007.07万元）/18007.07万元×100%=-36.25%', [['（11480.07万元-18007.07万元）/18007.07万元×100%=-36.25%', 'ok']]],
  ['执行数37.24万元/预算数43.2万元×100%=86.2%', [['37.24万元/预算数43.2万元×100%=86.2%', 'ok']]],
  ['（实际在职人数17人/编制数22人）×100%=77.27%', [['（实际在职人数17人/编制数22人）×100%=77.27%', 'ok']]],
  ['12000元+38000元=5万元', [['12000元+38000元=5万元', 'ok']]],
  ['12000+38000=5万元', [['12000+38000=5万元', 'ok']]],
  ['500万元-30元=470万元', [['500万元-30元=470万元', 'unchecked']]],
  ['4,360,097.54/10000=436.01万元', [['4,360,097.54/10000=436.01万元', 'ok']]],
  ['4,360,097.54-4,000,000=360,097.54', [['4,360,097.54-4,000,000=360,097.54', 'ok']]],
  ['每超1个百分点扣0.5分，扣0.5x3=1.5分', [['0.5x3=1.5分', 'ok']]],
  ['扣1.5分（3×0.5=1.5），得2.5分', [['3×0.5=1.5', 'ok']]],
  // notations: a bare ×100 before %, ×100% before a plain number, percentage points, ≈, chains
  ['（17/22）×100=77.27%', [['（17/22）×100=77.27%', 'ok']]],
  ['（17/22）×100%=77.27', [['（17/22）×100%=77.27', 'ok']]],
  ['105.00%-100%=5.00个百分点，（105-100）×0.4=2分', [['105.00%-100%=5.00个百分点', 'ok'], ['（105-100）×0.4=2分', 'ok']]],
  ['超过100%共5.00个百分点×0.4=2分', [['5.00个百分点×0.4=2分', 'ok']]],
  ['1/3≈0.3', [['1/3≈0.3', 'ok']]],
  ['1/3≈0.4', [['1/3≈0.4', 'mismatch', '0.3']]],
  ['17/22=0.7727=77.27%', [['17/22=0.7727', 'ok'], ['0.7727=77.27%', 'ok']]],
  ['90/95=94.74%×10=9.47', [['90/95=94.74%', 'ok'], ['94.74%×10=9.47', 'ok']]],
  ['90/95=94.47%×10=9.45', [['90/95=94.47%', 'mismatch', '94.74%'], ['94.47%×10=9.45', 'ok']]],
  ['（29-23）/23=6/23=26.09%', [['（29-23）/23=6/23', 'ok'], ['6/23=26.09%', 'ok']]],
  ['（29-23）/23=5/23=21.74%', [['（29-23）/23=5/23', 'mismatch', '“（29-23）/23=5/23”计算有误：左边等于0.2609，右边等于0.2174'], ['5/23=21.74%', 'ok']]],
  ['得分=10×（1-（2.5-2）/2）=7.5', [['10×（1-（2.5-2）/2）=7.5', 'ok']]],
  [
    '1.控制率=（在职人数21人/编制数20人）×100%=105%；\n2.超过100%共5个百分点，每超1个百分点扣0.4分，扣0.4×5=2分；\n3.得分=4-2=2分。',
    [['（在职人数21人/编制数20人）×100%=105%', 'ok'], ['0.4×5=2分', 'ok'], ['4-2=2分', 'ok']],
  ],
  ['（1）17/22=77.27%；（2）12/10=120%', [['17/22=77.27%', 'ok'], ['12/10=120%', 'ok']]],
  // circled references: resolved from earlier parts of the text, or left unchecked
  ['①（12/10）×6=7.2分，超过6分按6分计；②（90/100）×4=3.6分；①+②=9.6分', [['（12/10）×6=7.2分', 'ok'], ['（90/100）×4=3.6分', 'ok'], ['①+②=9.6分', 'unchecked']]],
  ['①是，得1分；②是，得1分；③否，不得分；①+②+③=3分', [['①+②+③=3分', 'mismatch', '2分']]],
  ['①是，得1分；②是，得1分；③否，不得分；①+②+③=2分', [['①+②+③=2分', 'ok']]],
  ['①=（9/10）×6=5.4分，②=（90/100）×4=3.6分，①+②=9分', [['（9/10）×6=5.4分', 'ok'], ['（90/100）×4=3.6分', 'ok'], ['①+②=9分', 'ok']]],
  ['①编制数22人；②实有人数17人；②/①×100%=77.27%', [['②/①×100%=77.27%', 'ok']]],
  ['①=5.4分，②=3.6分，①+②=9.1分', [['①+②=9.1分', 'mismatch', '9分']]],
  ['①为5.4分，②得分为3.6分，①+②=9分', [['①+②=9分', 'ok']]],
  ['①完成率（满分为6分），②考核（满分为4分），①+②=10分', [['①+②=10分', 'unchecked']]],
  ['①（2/3）×6=4分；②（1/3）×4=1.33分；①+②=5.33分', [['（2/3）×6=4分', 'ok'], ['（1/3）×4=1.33分', 'ok'], ['①+②=5.33分', 'ok']]],
  // not checkable: words in the formula, a percent sign that does not fit, a zero divisor, a number after spaces
  ['在职人员控制率=（在职人员数/编制数）×100%=（17/22）×100%=77.27%', [['（在职人员数/编制数）×100%=（17/22）×100%', 'unchecked'], ['（17/22）×100%=77.27%', 'ok']]],
  ['（在职人员数/编制数）×100%=77.27%', [['（在职人员数/编制数）×100%=77.27%', 'unchecked']]],
  ['17/22=77.27，得4分', [['17/22=77.27', 'unchecked']]],
  ['0/0×100%=0%', [['0/0×100%=0%', 'unchecked']]],
  ['17/22=77.27% 4', [['17/22=77.27%', 'unchecked']]],
  ['得4分 17/22=77.27%', [['4分 17/22=77.27%', 'unchecked']]],
  ['①（1/3）×4=1.33分；②（1/3）×4=1.33分；①+②=2.67分', [['（1/3）×4=1.33分', 'ok'], ['（1/3）×4=1.33分', 'ok'], ['①+②=2.67分', 'ok']]],
  ['①（1/3）×4=1.33分；②（1/3）×4=1.33分；①+②=2.66分', [['（1/3）×4=1.33分', 'ok'], ['（1/3）×4=1.33分', 'ok'], ['①+②=2.66分', 'ok']]],
  ['①（1/3）×4=1.33分；②（1/3）×4=1.33分；①+②=2.7分', [['（1/3）×4=1.33分', 'ok'], ['（1/3）×4=1.33分', 'ok'], ['①+②=2.7分', 'mismatch', '2.66分']]],
  ['①符合国家法律法规，计1分；②符合三定方案，计1分；③符合中长期规划，计1分；①+②+③=2分', [['①+②+③=2分', 'unchecked']]],
  ['①是，计1分；②是，计1分；③否，不得分；④是，计2分；①+②+③+④=4分', [['①+②+③+④=4分', 'ok']]],
  ['①是，计1分；②是，计1分；③否，不得分；④是，计2分；①+②+③+④=5分', [['①+②+③+④=5分', 'mismatch', '4分']]],
  ['①是否符合法律法规，计1分；②是否符合三定方案，计1分；①+②=1分', [['①+②=1分', 'unchecked']]],
  ['控制率—17/22=77.27%', [['控制率—17/22=77.27%', 'unchecked']]],
  ['0.4分/个百分点×5个百分点=2分', [['0.4分/个百分点×5个百分点=2分', 'unchecked']]],
  // more notations officers use
  ['100×17/22=77.27%', [['100×17/22=77.27%', 'ok']]],
  ['（17÷22）×100%＝77.27%', [['（17÷22）×100%＝77.27%', 'ok']]],
  ['变动率=（12.5-13）/13=-3.85%≤0，得4分', [['（12.5-13）/13=-3.85%', 'ok']]],
  ['完成率=实际完成值/年度指标值=98/95=103.16%', [['98/95=103.16%', 'ok']]],
  ['权重10%×得分90=9', [['10%×得分90=9', 'ok']]],
  ['满意度得分=问卷总得分/(份数×50)×8=430/(10×50)×8=6.88', [['问卷总得分/(份数×50)×8=430/(10×50)×8', 'unchecked'], ['430/(10×50)×8=6.88', 'ok']]],
  ['身份证号430921199001011234567；17/22=77.27%', [['17/22=77.27%', 'ok']]],
  // hedged values: about (compared at the decimals shown) or a bound (not checked)
  ['17/22=约77%', [['17/22=约77%', 'ok']]],
  ['17/22=约78%', [['17/22=约78%', 'mismatch', '77%']]],
  ['17/22=77%左右', [['17/22=77%', 'ok']]],
  ['17/22=77%以上，得4分', [['17/22=77%', 'unchecked']]],
  ['（105%-100%）×0.4=2分', [['（105%-100%）×0.4=2分', 'unchecked']]],
  ['每人每年5000元×12人=6万元', [['5000元×12人=6万元', 'ok']]],
  ['94.8万元/5人=18.96万元/人', [['94.8万元/5人=18.96万元', 'ok']]],
  ['①（9/10）×6=5.4分 ②（90/100）×4=3.6分 ①+②=9分', [['（9/10）×6=5.4分', 'ok'], ['（90/100）×4=3.6分', 'ok'], ['①+②=9分', 'ok']]],
  ['3/1000=3‰', [['3/1000=3‰', 'ok']]],
  // prose that is no arithmetic
  ['2024年1-12月累计支出89.8万元', []],
  ['2024年1-12月执行数89.8万元/预算数94.8万元=94.73%', [['89.8万元/预算数94.8万元=94.73%', 'ok']]],
  ['填报日期：2025-03-01，联系电话：0730-8881234，13812345678', []],
  ['1、2、3项均已完成；①②③均符合', []],
  ['重点支出安排率≥90%，计4分；80%（含）-90%，计3分；70%（含）-80%，计2分', []],
  ['得分区间80-90分', []],
  ['评分区间：60（含）-70分=中', []],
  ['5=非常满意，4=满意，3=一般，0=不满意', []],
  ['每超过一个百分点扣0.4分，超5个百分点=2分', []],
  ['索引号4309210010/2021-1367337，发文日期2021-04-08', []],
  ['见第3.1节，A1+B1=3，1.2.3=6', []],
  ['本年支出合计94.8万元，其中：基本支出14.6万元，占15.4%；项目支出80.2万元，占84.6%。', []],
  ['项目完成率100%=10分；十七/二十二=77.27%', []],
  ['截至2024/12/31前完成，8:30-17:30办公', []],
  ['服务40多家企业，解决问题230多个，①√ ②√ ③×，得2分', []],
  ['指标值95%=完成值95%；（30）=30', []],
];

describe('calculation texts as officers write them', () => {
  test('the corpus holds at least 60 texts and 40 claims of each kind ok / not ok', () => {
    expect(CORPUS.length).toBeGreaterThanOrEqual(60);
    const all = CORPUS.flatMap(([, e]) => e);
    expect(all.filter((e) => e[1] === 'ok').length).toBeGreaterThanOrEqual(40);
    expect(all.filter((e) => e[1] !== 'ok').length).toBeGreaterThanOrEqual(25);
  });

  test.each(CORPUS)('%s', (text, expected) => {
    expect(summary(findClaims(text))).toEqual(expected);
  });
});

describe('what a claim reports', () => {
  test('span, sides, stated and exact values, the right value and the message', () => {
    const text = '财政供养人员控制率=（29/23）×100%=126.08%，未超过100%，得4分';
    const [c] = findClaims(text);
    expect(text.slice(c.start, c.end)).toBe('（29/23）×100%=126.08%');
    expect(c).toMatchObject({
      text: '（29/23）×100%=126.08%',
      expression: '（29/23）×100%',
      stated: '126.08%',
      expected: '126.09%',
      decimals: 2,
      verdict: 'mismatch',
      message: '“（29/23）×100%=126.08%”计算有误：应为126.09%',
    });
    expect(c.statedValue?.toString()).toBe('126.08');
    // 29/23 × 100 = 126.0869565217391304347826… to the engine's 40 digits
    expect(c.exact?.toString()).toBe('126.086956521739130434782608695652173913');
    expect(c.operands.map((o) => [o.text, o.value.toString(), o.scale])).toEqual([
      ['29', '29', 1],
      ['23', '23', 1],
      ['100%', '100', 100],
    ]);
    expect(c.reason).toBeUndefined();
  });

  test('operands keep the names written before them and their units: the inputs a hand-made text states', () => {
    const [c] = findClaims('（实际在职人数17人/编制数22人）×100%=77.27%');
    expect(c.verdict).toBe('ok');
    expect(c.operands.map((o) => ({ label: o.label, value: o.value.toNumber(), unit: o.unit }))).toEqual([
      { label: '实际在职人数', value: 17, unit: '人' },
      { label: '编制数', value: 22, unit: '人' },
      { label: undefined, value: 100, unit: '%' },
    ]);
    const [budget] = findClaims('执行率=执行数89.8万元/预算数94.8万元=94.73%');
    expect(budget.operands.map((o) => [o.label, o.text, o.unit])).toEqual([
      ['执行数', '89.8万元', '万元'],
      ['预算数', '94.8万元', '万元'],
    ]);
  });

  test('a right claim shows the exact value and its rounding; trailing zeros of a score are not required', () => {
    const [c] = findClaims('90/95×10=9.47分');
    expect(c).toMatchObject({ verdict: 'ok', expected: '9.47分', decimals: 2 });
    expect(c.exact?.toFixed(6)).toBe('9.473684');
    const [two] = findClaims('扣0.4×5=2分');
    expect(two).toMatchObject({ verdict: 'ok', expected: '2分', stated: '2分', expression: '0.4×5' });
    // more decimals than two are compared at the decimals shown
    const [four] = findClaims('17/22=0.7727');
    expect(four).toMatchObject({ verdict: 'ok', decimals: 4, expected: '0.7727' });
  });

  test('unchecked claims say why, in Chinese', () => {
    const reason = (t: string) => findClaims(t).map((c) => c.reason);
    expect(reason('①+②+③=3')).toEqual(['①的数值无法从前文确定']);
    expect(reason('0/0×100%=0%')).toEqual(['除数为0，无法核对']);
    expect(reason('500万元-30元=470万元')).toEqual(['算式中金额单位不一致（元、万元混用），无法核对']);
    expect(reason('17/22=77.27，得4分')).toEqual(['百分号与算式不一致（多写或漏写了%），无法判定']);
    expect(reason('（在职人员数/编制数）×100%=77.27%')).toEqual(['算式中夹有文字或不完整，无法核对']);
    expect(reason('17/22=77.27% 4')).toEqual(['数字之间只隔空格，无法确定所写的数值']);
    expect(reason('123456789012345678/0.0000000001234567=1')).toEqual(['数值位数过多，无法精确核对']);
    for (const c of findClaims('①+②+③=3；0/0×100%=0%')) {
      expect(c).toMatchObject({ verdict: 'unchecked', statedValue: null, exact: null, expected: null, decimals: null });
      expect(c.message).toBeUndefined();
    }
  });

  test('a wrong step between two calculations names both values', () => {
    const [c] = findClaims('（29-23）/23=5/23=21.74%');
    expect(c.message).toBe('“（29-23）/23=5/23”计算有误：左边等于0.2609，右边等于0.2174');
    expect(c.statedValue).toBeNull();
    expect(c.expected).toBeNull();
  });

  test('an approximate claim (≈) is held to the decimals it shows, and says so', () => {
    const [c] = findClaims('1/3≈0.4');
    expect(c.message).toBe('“1/3≈0.4”计算有误：应为约0.3');
  });
});

describe('findings for the review', () => {
  const text = '（29/23）×100%=126.08%，超过100%共26.08个百分点，扣0.4×26.08=10.43分，扣完为止，得0分';

  test('claim_mismatch warnings name the cell, the claim and the right value', () => {
    expect(claimFindings(text, '评分表!H8')).toEqual([
      { severity: 'warning', code: 'claim_mismatch', message: '评分表!H8：“（29/23）×100%=126.08%”计算有误：应为126.09%', inputs: [], cells: ['评分表!H8'] },
    ]);
    expect(claimFindings(text, { sheet: '评分表', address: 'H8' }, '财政供养人员控制率')).toEqual([
      {
        severity: 'warning',
        code: 'claim_mismatch',
        message: '财政供养人员控制率（评分表!H8）：“（29/23）×100%=126.08%”计算有误：应为126.09%',
        inputs: [],
        cells: ['评分表!H8'],
      },
    ]);
  });

  test('right, unchecked and prose-only texts give no finding', () => {
    expect(claimFindings('（17/22）×100%=77.27%，未超过100%，得4分', 'A1')).toEqual([]);
    expect(claimFindings('①+②+③=3', 'A1')).toEqual([]);
    expect(claimFindings('2024年1-12月，联系电话0730-8881234', 'A1')).toEqual([]);
    expect(claimFindings('', 'A1')).toEqual([]);
  });

  test('one finding per slip, in the order written', () => {
    const found = claimFindings('90/95=94.47%×10=9.45；13.25+51.76+42.21+6.13+3.45=116.79万元', 'Sheet1!C3');
    expect(found.map((f) => f.message)).toEqual([
      'Sheet1!C3：“90/95=94.47%”计算有误：应为94.74%',
      'Sheet1!C3：“13.25+51.76+42.21+6.13+3.45=116.79万元”计算有误：应为116.80万元',
    ]);
  });
});

describe('readExpression', () => {
  test('reads one calculation exactly, full-width or not', () => {
    const value = (t: string) => {
      const r = readExpression(t);
      return 'value' in r ? r.value.toString() : r.error;
    };
    expect(value('（17/22）×100%')).toBe(new Decimal(17).div(22).toString());
    expect(value('１７＋５')).toBe('22');
    expect(value('[（11480.07-18007.07）/18007.07]×100%')).toBe(new Decimal(-6527).div('18007.07').toString());
    expect(value('4,360,097.54/10000')).toBe('436.009754');
    expect(value('3-（-2）')).toBe('5');
    expect(value('1/0')).toBe('除数为0');
    expect(value('①+②')).toBe('①的数值无法确定');
    expect(value('2024年')).toBe('“2024年”不是可以计算的算式');
    expect(value('')).toBe('没有算式');
  });
});

describe('properties', () => {
  const FULL = (s: string) => s.replace(/[0-9.%/()=+\-*]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
  const amount = fc.integer({ min: 0, max: 99_999_999 }).chain((n) => fc.constantFrom(0, 1, 2).map((dp) => new Decimal(n).div(new Decimal(10).pow(dp)).toString()));
  const positive = fc.integer({ min: 1, max: 9_999_999 }).chain((n) => fc.constantFrom(0, 1, 2).map((dp) => new Decimal(n).div(new Decimal(10).pow(dp)).toString()));
  const dress = fc.record({
    prefix: fc.constantFrom('', '执行率=', '财政供养人员控制率=', '得分：', '1.控制率='),
    brackets: fc.constantFrom(['（', '）'], ['(', ')'], ['', '']),
    times: fc.constantFrom('×', '*', 'x', ' × '),
    full: fc.boolean(),
    suffix: fc.constantFrom('', '，未超过100%，得4分', '。', '\n下一项'),
  });

  function rateClaim(a: string, b: string, stated: string, d: { prefix: string; brackets: readonly string[]; times: string; full: boolean; suffix: string }) {
    let formula = `${d.brackets[0]}${a}/${b}${d.brackets[1]}${d.times}100%=${stated}%`;
    if (d.full) formula = FULL(formula);
    return { text: `${d.prefix}${formula}${d.suffix}`, formula };
  }

  test('a/b×100%=round(a/b×100, 2)% is always right; the same with its last digit changed is always a mismatch', () => {
    fc.assert(
      fc.property(amount, positive, dress, fc.integer({ min: 1, max: 9 }), (a, b, d, bump) => {
        const right = new Decimal(a).div(b).times(100).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
        const good = rateClaim(a, b, right, d);
        const ok = findClaims(good.text);
        expect(ok.map((c) => [c.text, c.verdict])).toEqual([[good.formula, 'ok']]);
        expect(ok[0].expected).toBe(`${right}%`);

        const wrongDigits = right.slice(0, -1) + String((Number(right.slice(-1)) + bump) % 10);
        const bad = rateClaim(a, b, wrongDigits, d);
        const found = findClaims(bad.text);
        expect(found.map((c) => [c.text, c.verdict])).toEqual([[bad.formula, 'mismatch']]);
        expect(found[0].message).toBe(`“${bad.formula}”计算有误：应为${right}%`);
      }),
      { numRuns: 1500 },
    );
  });

  test('a sum is right exactly when it is the sum', () => {
    fc.assert(
      fc.property(fc.array(amount, { minLength: 2, maxLength: 8 }), fc.integer({ min: -3, max: 3 }), (parts, off) => {
        const sum = parts.reduce((acc, p) => acc.plus(p), new Decimal(0));
        const stated = sum.plus(new Decimal(off).div(100));
        if (stated.isNeg()) return;
        const claims = findClaims(`合计：${parts.join('+')}=${stated.toFixed(2)}万元`);
        expect(claims).toHaveLength(1);
        expect(claims[0].verdict).toBe(off === 0 ? 'ok' : 'mismatch');
      }),
      { numRuns: 500 },
    );
  });

  const ALPHABET = [
    ...'0123456789０１２３４５６７８９.．,，%％‰+-−—–×x*·/÷=＝≈()（）[]【】{}①②③⑴ \n年月日分元万个百分点人得扣计第不、；：得分执行率',
    '100%', '×100%', '——', '2024年', '0730-', '万元', '个百分点', '≥', '不得分',
  ];
  const messy = fc.array(fc.constantFrom(...ALPHABET), { maxLength: 60 }).map((xs) => xs.join(''));

  test('never throws, and every claim is well formed, on any text', () => {
    fc.assert(
      fc.property(fc.oneof(messy, fc.string({ unit: 'grapheme', maxLength: 80 }), fc.string({ unit: 'binary', maxLength: 80 })), (text) => {
        const claims = findClaims(text);
        for (const c of claims) {
          expect(c.start).toBeGreaterThanOrEqual(0);
          expect(c.end).toBeLessThanOrEqual(text.length);
          expect(c.start).toBeLessThan(c.end);
          expect(['ok', 'mismatch', 'unchecked']).toContain(c.verdict);
          if (c.verdict === 'mismatch') expect(c.message).toMatch(/^“.+”计算有误：/);
          if (c.verdict === 'unchecked') expect(c.reason).toBeTruthy();
        }
        expect(() => claimFindings(text, 'A1')).not.toThrow();
      }),
      { numRuns: 3000 },
    );
  });

  test('every claim in the calculation texts the engine writes holds, whatever the inputs', () => {
    const amount2 = fc.integer({ min: 1, max: 99_999_999 }).map((n) => new Decimal(n).div(100).toNumber());
    const count = fc.integer({ min: 1, max: 500 });
    fc.assert(
      fc.property(
        fc.record({
          in_staff_quota: count,
          in_staff_actual: count,
          in_sangong_prev: amount2,
          in_sangong_budget: amount2,
          in_sangong_actual: amount2,
          in_key_project_spend: amount2,
          in_project_spend_total: amount2,
          in_budget_initial: amount2,
          in_budget_adjust: amount2,
          in_fixed_assets_in_use: amount2,
          in_fixed_assets_total: amount2,
          in_key_work_done: count,
          in_key_work_planned: count,
          in_assess_score: fc.integer({ min: 0, max: 100 }),
          in_quality_ok: count,
          in_quality_planned: count,
        }),
        (values) => {
          for (const indicator of evalWith(values).indicators) {
            const claims = findClaims(indicator.text);
            expect(claims.filter((c) => c.verdict === 'mismatch')).toEqual([]);
            // the rates and the ①②③ parts are always checked, and right
            for (const c of claims) if (/×100%=|^（[\d.]+\/[\d.]+）×\d+=/.test(c.text)) expect([c.text, c.verdict]).toEqual([c.text, 'ok']);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a text without = or ≈ holds no claim', () => {
    fc.assert(
      fc.property(messy, (text) => {
        expect(findClaims(text.replace(/[=＝≈]/g, ''))).toEqual([]);
      }),
      { numRuns: 1000 },
    );
  });

  test('a long text without punctuation is read in reasonable time and deeply nested brackets do not crash', () => {
    const long = `${'1+'.repeat(5000)}1=5001`;
    expect(findClaims(long).map((c) => c.verdict)).toEqual(['unchecked']);
    expect(findClaims(`${'('.repeat(3000)}1${')'.repeat(3000)}=1`)).toBeInstanceOf(Array);
  });
});
