import { type AnswerGroup, answerGroups, type AnswerKey, answerKeys, type Answers, answerSpecs, formatAnswer } from './answers.js';
import { splitList } from './flag-values.js';
import { presetOf } from './presets.js';

export interface SummaryRow {
  readonly key: AnswerKey;
  readonly label: string;
  readonly value: string;
  /** The value before, when an upgrade changes it. */
  readonly was?: string;
}

export interface SummaryGroup {
  readonly title: AnswerGroup;
  readonly rows: readonly SummaryRow[];
}

/**
 * Every answer that means something for these answers, in the groups and with the labels
 * of the answer table, each value as its prompt named it. With `before` (upgrade), the rows
 * that change say what they were.
 */
export function summaryOf(answers: Answers, before?: Answers): SummaryGroup[] {
  const rows = answerKeys
    .filter((key) => answerSpecs[key].appliesTo?.(answers) !== false)
    .map((key): SummaryRow & { group: AnswerGroup } => {
      const { group, label } = answerSpecs[key].summary;
      const value = shownValue(key, answers);
      const was = before && JSON.stringify(before[key]) !== JSON.stringify(answers[key]) ? shownValue(key, before) : undefined;
      return { group, key, label, value, ...(was === undefined ? {} : { was }) };
    });
  return answerGroups
    .map((title) => ({ title, rows: rows.filter((row) => row.group === title).map(({ group: _, ...row }) => row) }))
    .filter((group) => group.rows.length > 0);
}

/** A value as the person chose it: a choice by its label, a switch as yes or no, typed text as typed. */
function shownValue(key: AnswerKey, answers: Answers): string {
  const value = answers[key];
  if (key === 'pattern') return patternShown(answers);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const choices = answerSpecs[key].prompt.choices;
  const text = formatAnswer(key, value as never);
  if (!choices) return text.replaceAll(',', ', ') || 'none';
  const labels = (answerSpecs[key].prompt.kind === 'multiselect' ? splitList(text) : [text]).map((v) => choices.find((c) => c.value === v)?.label ?? v);
  return labels.filter((label) => label !== 'none').join(', ') || 'none';
}

/** "7. Secure SPA + API", and "customised" when its features are not the preset's own. */
function patternShown(answers: Answers): string {
  const preset = presetOf(answers.pattern);
  const own = Object.entries(preset.answers).every(([key, value]) => JSON.stringify(answers[key as AnswerKey]) === JSON.stringify(value));
  return `${preset.number}. ${preset.title}${own ? '' : ', customised'}`;
}
