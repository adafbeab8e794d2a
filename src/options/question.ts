/**
 * A question as data: what to ask, what to offer and how to check a reply. questions.ts and
 * interview.ts decide all of it; prompts.ts only shows it in the terminal, and tests answer
 * the very same questions with a script, so what a test proves reachable is what a person sees.
 */

/** A choice as offered; `disabled` says, in the person's words, why it cannot be picked now. */
export interface Offered {
  readonly value: string;
  readonly label: string;
  readonly hint?: string;
  readonly disabled?: string;
  /** Checked at the start (checkbox questions). */
  readonly checked?: boolean;
}

interface Asked {
  /** The answer's key, or what else it asks (`customise`, `serviceAccounts.orders.account`, `create`). */
  readonly id: string;
  readonly message: string;
}

export interface TextQuestion extends Asked {
  readonly kind: 'text';
  readonly default?: string;
  /** Why the text cannot be taken, or undefined. */
  readonly validate: (text: string) => string | undefined;
}

export interface SelectQuestion extends Asked {
  readonly kind: 'select';
  readonly choices: readonly Offered[];
  readonly default: string;
}

export interface CheckboxQuestion extends Asked {
  readonly kind: 'checkbox';
  readonly choices: readonly Offered[];
  /** Why these checked values cannot be taken together, or undefined. */
  readonly validate: (values: readonly string[]) => string | undefined;
}

export interface ConfirmQuestion extends Asked {
  readonly kind: 'confirm';
  readonly default: boolean;
}

export type Question = TextQuestion | SelectQuestion | CheckboxQuestion | ConfirmQuestion;

/** What a person replies to each kind of question. */
export type Reply<Q extends Question> = Q extends CheckboxQuestion ? readonly string[] : Q extends ConfirmQuestion ? boolean : string;

/** Asks one question and returns the reply; prompts.ts is the terminal's, tests pass their own. */
export type Ask = <Q extends Question>(question: Q) => Promise<Reply<Q>>;
