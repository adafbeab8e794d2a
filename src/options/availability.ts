import { type AnswerKey, type Answers, answerSpecs, flagName } from './answers.js';

/**
 * Answer values that are part of the public interface but not built yet. They are refused
 * with exit 2 and this message rather than silently ignored; remove an entry when its
 * templates land.
 */
export const notYetAvailable: { readonly [K in AnswerKey]?: (value: Answers[K]) => boolean } = {
};

export function unavailableAnswer(answers: Answers): string | undefined {
  for (const key of Object.keys(notYetAvailable) as AnswerKey[]) {
    const isMissing = notYetAvailable[key] as ((value: unknown) => boolean) | undefined;
    if (isMissing?.(answers[key])) {
      return `${flagName(key)} ${JSON.stringify(answers[key])} is not available yet in this version`;
    }
  }
  return undefined;
}

/** Whether a choice can be picked in a prompt today. */
export function isAvailable<K extends AnswerKey>(key: K, value: Answers[K]): boolean {
  const isMissing = notYetAvailable[key] as ((value: Answers[K]) => boolean) | undefined;
  return !isMissing?.(value);
}

/** A free-form answer with nothing available yet is not asked at all (a select shows its choices disabled). */
export function isAskable(key: AnswerKey): boolean {
  return !(key in notYetAvailable) || answerSpecs[key].prompt.kind === 'select';
}
