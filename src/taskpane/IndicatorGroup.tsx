import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  type BadgeProps,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { Decimal, plain, scoreText, type IndicatorResult, type IndicatorStatus } from '../engine';
import { S, STATUS_LABEL } from './strings';

const STATUS_COLOR: Record<IndicatorStatus, BadgeProps['color']> = {
  ok: 'success',
  not_applicable: 'informative',
  missing: 'warning',
  invalid: 'danger',
};

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
}

/** Sum of scores (blank scores count 0) over sum of weights, as the 评分表's 合计 does. */
export function subtotal(indicators: IndicatorResult[]): { score: Decimal; weight: Decimal } {
  return indicators.reduce(
    (acc, i) => ({ score: i.score ? acc.score.plus(i.score) : acc.score, weight: acc.weight.plus(i.weight) }),
    { score: new Decimal(0), weight: new Decimal(0) },
  );
}

/** One 一级指标 with its subtotal; each indicator expands to its calculation text. */
export function IndicatorGroup({ level, indicators }: IndicatorGroupProps) {
  const styles = useStyles();
  const sum = subtotal(indicators);
  const headingId = `group-${level}`;
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
      <Accordion multiple collapsible>
        {indicators.map((ind) => {
          const showLevel2 = ind.level2 !== lastLevel2;
          lastLevel2 = ind.level2;
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
                    <Badge className={styles.badge} appearance="tint" color={STATUS_COLOR[ind.status]} data-status={ind.status}>
                      {STATUS_LABEL[ind.status]}
                    </Badge>
                  </span>
                </AccordionHeader>
                <AccordionPanel>
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
