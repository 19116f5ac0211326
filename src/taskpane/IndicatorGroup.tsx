import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Decimal, plain, scoreText, type IndicatorResult } from '../engine';
import { standingOf, STANDING_COLOR, STANDING_LABEL } from './standing';
import { S } from './strings';

const useStyles = makeStyles({
  group: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  heading: {
    display: 'flex',
    justifyContent: 'space-between',
    alignItems: 'baseline',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    paddingBottom: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  subtotal: { color: tokens.colorNeutralForeground2, whiteSpace: 'nowrap' },
  level2: { color: tokens.colorNeutralForeground3, margin: 0, marginTop: tokens.spacingVerticalXS },
  header: { width: '100%', minWidth: 0 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, width: '100%', minWidth: 0 },
  name: { flexGrow: 1, minWidth: 0, textAlign: 'start' },
  score: { whiteSpace: 'nowrap', fontVariantNumeric: 'tabular-nums' },
  badge: { flexShrink: 0, whiteSpace: 'nowrap' },
  text: { whiteSpace: 'pre-wrap', color: tokens.colorNeutralForeground2, margin: 0, paddingBottom: tokens.spacingVerticalS },
});

export interface IndicatorGroupProps {
  /** 一级指标: 投入 / 过程 / 产出 / 效果 */
  level: string;
  indicators: IndicatorResult[];
  /** ids of the indicators whose calculation text is shown */
  open: ReadonlySet<string>;
  onToggle(id: string, open: boolean): void;
}

/** Sum of scores (blank scores count 0) over sum of weights, as the 评分表's 合计 does. */
export function subtotal(indicators: IndicatorResult[]): { score: Decimal; weight: Decimal } {
  return indicators.reduce(
    (acc, i) => ({ score: i.score ? acc.score.plus(i.score) : acc.score, weight: acc.weight.plus(i.weight) }),
    { score: new Decimal(0), weight: new Decimal(0) },
  );
}

/** One 一级指标 with its subtotal; each indicator shows how its score stands and expands to its calculation text. */
export function IndicatorGroup({ level, indicators, open, onToggle }: IndicatorGroupProps) {
  const styles = useStyles();
  const sum = subtotal(indicators);
  const headingId = `group-${level}`;
  const openItems = indicators.filter((i) => open.has(i.id)).map((i) => i.id);
  let lastLevel2 = '';
  return (
    <section className={styles.group} aria-labelledby={headingId} data-testid={`group-${level}`}>
      <h3 id={headingId} className={styles.heading}>
        <Text weight="semibold" size={300}>
          {level}
        </Text>
        <Text size={200} className={styles.subtotal}>
          {S.subtotal} {S.scoreOf(plain(sum.score), plain(sum.weight))}
        </Text>
      </h3>
      <Accordion multiple collapsible openItems={openItems} onToggle={(_, d) => onToggle(String(d.value), d.openItems.includes(d.value))}>
        {indicators.map((ind) => {
          const showLevel2 = ind.level2 !== lastLevel2;
          lastLevel2 = ind.level2;
          const standing = standingOf(ind);
          return (
            <div key={ind.id}>
              {showLevel2 && (
                <Text as="p" size={200} className={styles.level2}>
                  {ind.level2}
                </Text>
              )}
              <AccordionItem value={ind.id} data-testid={`indicator-${ind.id}`}>
                <AccordionHeader as="h4" size="small" className={styles.header}>
                  <span className={styles.row}>
                    <Text className={styles.name}>{ind.name}</Text>
                    <Text className={styles.score} data-testid={`indicator-score-${ind.id}`}>
                      {S.scoreOf(scoreText(ind.score) || S.noScore, plain(ind.weight))}
                    </Text>
                    <Badge className={styles.badge} appearance="tint" color={STANDING_COLOR[standing]} data-standing={standing}>
                      {STANDING_LABEL[standing]}
                    </Badge>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
                  {ind.row !== undefined && (
                    <Text as="p" size={200} className={styles.text} data-testid={`indicator-target-${ind.id}`}>
                      {S.targetActual(ind.target ?? '', ind.actual ?? '')}
                    </Text>
                  )}
                  <Text as="p" size={200} className={styles.text}>
                    {ind.text}
                  </Text>
                </AccordionPanel>
              </AccordionItem>
            </div>
          );
        })}
      </Accordion>
    </section>
  );
}
