/** @jest-environment jsdom */
import '@testing-library/jest-dom';
import { useState } from 'react';
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { evaluate } from '../../src/engine';
import type { FormResult } from '../../src/workbook/session';
import { FormTabs, formKey } from '../../src/taskpane/FormTabs';
import { project, projectExample } from '../workbook/formsHelpers';

/** Two projects: the worked example (92.96 优) and the same with less spent and a missed target. */
function forms(): FormResult[] {
  const first = projectExample();
  const second = projectExample({ in_project_name: '智慧办税', in_fund_spent: 90 });
  return [
    { sheet: '项目1', title: '政务数据共享平台运维', evaluation: evaluate(project, { values: first }) },
    { sheet: '项目2', title: '智慧办税', evaluation: evaluate(project, { values: second }) },
  ];
}

function Harness({ list }: { list: FormResult[] }) {
  const [selected, setSelected] = useState<string | null>(null);
  const shown = list.find((f) => formKey(f) === selected) ?? list[0];
  return (
    <FluentProvider theme={webLightTheme}>
      <FormTabs forms={list} selected={selected} onSelect={setSelected}>
        <p data-testid="shown">{`${shown.title} ${shown.evaluation.total.toFixed(2)}`}</p>
      </FormTabs>
    </FluentProvider>
  );
}

test('lists every form with its total and grade; choosing one shows its panel', async () => {
  const user = userEvent.setup();
  const list = forms();
  const second = list[1].evaluation;
  // the second project spent 90 of 150: its execution line scores 6, so it stays below the worked example
  expect(second.total.lessThan(list[0].evaluation.total)).toBe(true);
  render(<Harness list={list} />);
  const tabs = screen.getAllByRole('tab');
  expect(tabs).toHaveLength(2);
  expect(within(tabs[0]).getByText('政务数据共享平台运维')).toBeInTheDocument();
  expect(screen.getAllByTestId('form-total-项目1')[0]).toHaveTextContent(/^92\.96$/);
  expect(screen.getAllByTestId('form-grade-项目1')[0]).toHaveTextContent(/^优$/);
  // 90/150 = 60.00% × 10 = 6 points instead of 9.24: 92.96 − 9.24 + 6 = 89.72, 良
  expect(second.total.toFixed(2)).toBe('89.72');
  expect(screen.getAllByTestId('form-total-项目2')[0]).toHaveTextContent(/^89\.72$/);
  expect(screen.getAllByTestId('form-grade-项目2')[0]).toHaveTextContent(/^良$/);
  expect(tabs[0]).toHaveAttribute('aria-selected', 'true');
  expect(screen.getByTestId('shown')).toHaveTextContent('政务数据共享平台运维 92.96');

  await user.click(tabs[1]);
  expect(screen.getAllByRole('tab')[1]).toHaveAttribute('aria-selected', 'true');
  expect(screen.getByTestId('shown')).toHaveTextContent('智慧办税 89.72');
  expect(screen.getByTestId('form-panel')).toHaveAttribute('data-form', '项目2');
});

test('a workbook of one form shows its panel without tabs', () => {
  render(<Harness list={forms().slice(0, 1)} />);
  expect(screen.queryByRole('tab')).not.toBeInTheDocument();
  expect(screen.getByTestId('shown')).toHaveTextContent('92.96');
});

test('a chosen form that is gone (sheet deleted) falls back to the first', () => {
  const list = forms();
  render(
    <FluentProvider theme={webLightTheme}>
      <FormTabs forms={list} selected="项目9" onSelect={() => undefined} />
    </FluentProvider>,
  );
  expect(screen.getAllByRole('tab')[0]).toHaveAttribute('aria-selected', 'true');
});
