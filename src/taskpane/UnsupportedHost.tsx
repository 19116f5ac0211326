import { makeStyles, MessageBar, MessageBarBody, MessageBarTitle, Text, tokens } from '@fluentui/react-components';
import { S } from './strings';

const useStyles = makeStyles({ para: { margin: 0, marginTop: tokens.spacingVerticalXS } });

const SENTENCE = /[\u3400-\u9fff]/;

/**
 * Shown instead of the pane when the host cannot run it. `detail` is either what is missing
 * ("ExcelApi 1.4"), shown under a standard explanation, or a whole Chinese explanation (such as
 * requirementMessage() or hostProblem() of src/workbook/office/host.ts), shown as it is.
 */
export function UnsupportedHost({ detail }: { detail?: string }) {
  const styles = useStyles();
  const sentence = !!detail && SENTENCE.test(detail);
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="unsupported">
      <MessageBarBody>
        <MessageBarTitle>{sentence ? S.unsupportedTitleGeneric : S.unsupportedTitle}</MessageBarTitle>
        <Text as="p" className={styles.para}>
          {sentence ? detail : S.unsupportedBody}
        </Text>
        {detail && !sentence && (
          <Text as="p" className={styles.para}>
            {S.unsupportedDetail(detail)}
          </Text>
        )}
      </MessageBarBody>
    </MessageBar>
  );
}
