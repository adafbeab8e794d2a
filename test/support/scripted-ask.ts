import { type AnswerKey, answerKeys, type Answers, answerSpecs, formatAnswer } from '../../src/options/answers.js';
import { splitList } from '../../src/options/flag-values.js';
import type { Ask, Question, Reply } from '../../src/options/question.js';
import { readAnswer } from '../../src/options/read-answer.js';

type AnyReply = string | readonly string[] | boolean;

/** What to reply to a question, by its id; undefined takes its default, as Enter does. */
export type Script = (question: Question) => AnyReply | undefined;

/**
 * Answers the very questions the terminal would show, only as a person there could: a
 * select with an offered choice that is not disabled, a checkbox with such choices and
 * only if its validation passes, a text only if its validation passes. Anything else
 * throws, naming the question, so a test that gets through has proved the prompts allow it.
 */
export function scriptedAsk(script: Script = () => undefined) {
  const asked: Question[] = [];
  const ask = (async (question: Question) => {
    asked.push(question);
    return replyTo(question, script(question));
  }) as Ask;
  return { ask, asked, ids: () => asked.map((question) => question.id), question: (id: string) => asked.find((question) => question.id === id) };
}

function replyTo(question: Question, scripted: AnyReply | undefined): Reply<Question> {
  const refuse = (why: string): never => {
    throw new Error(`${question.id}: ${why}`);
  };
  switch (question.kind) {
    case 'select': {
      const value = (scripted as string | undefined) ?? question.default;
      const choice = question.choices.find((c) => c.value === value) ?? refuse(`${value} is not offered`);
      if (choice.disabled) refuse(`${value} is offered but disabled: ${choice.disabled}`);
      return value;
    }
    case 'checkbox': {
      const values = (scripted as readonly string[] | undefined) ?? question.choices.filter((c) => c.checked).map((c) => c.value);
      for (const value of values) {
        const choice = question.choices.find((c) => c.value === value) ?? refuse(`${value} is not offered`);
        if (choice.disabled) refuse(`${value} is offered but disabled: ${choice.disabled}`);
      }
      const problem = question.validate(values);
      if (problem) refuse(`${values.join(',')} is refused: ${problem}`);
      return values;
    }
    case 'text': {
      const text = (scripted as string | undefined) ?? question.default ?? '';
      const problem = question.validate(text);
      if (problem) refuse(`"${text}" is refused: ${problem}`);
      return text;
    }
    case 'confirm':
      return (scripted as boolean | undefined) ?? question.default;
  }
}

/**
 * A script that replies with the given answers, as a person would enter them: choices by
 * value, checkboxes by the values to check, text as the flag would take it, each service's
 * account and region in turn; `customise` for the preset's features.
 */
export function replyWith(target: Partial<Answers>, { customise = false, create = true } = {}): Script {
  return (question) => {
    if (question.id === 'customise') return customise;
    if (question.id === 'create' || question.id === 'apply') return create;
    const perService = /^serviceAccounts\.([a-z0-9]+)\.(account|region)$/.exec(question.id);
    if (perService) {
      const entry = target.serviceAccounts?.find((e) => e.service === perService[1]);
      if (!entry) return undefined;
      return perService[2] === 'account' ? entry.account : (entry.region ?? target.region);
    }
    const key = answerKeys.find((k) => k === question.id);
    if (!key || !(key in target)) return undefined;
    return replyFor(key, target[key] as Answers[AnswerKey]);
  };
}

function replyFor(key: AnswerKey, value: Answers[AnswerKey]): AnyReply {
  if (typeof value === 'boolean') return value;
  const text = formatAnswer(key, value as never);
  if (answerSpecs[key].prompt.kind !== 'multiselect') return text;
  // The value that nothing checked gives (auth's "none") is replied by checking nothing.
  const nothing = readAnswer(key, '');
  return nothing.ok && JSON.stringify(nothing.value) === JSON.stringify(value) ? [] : splitList(text);
}
