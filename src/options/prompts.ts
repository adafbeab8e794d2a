import { InterruptedError } from '../errors.js';
import type { Ask, Offered, Question } from './question.js';

/**
 * The terminal's Ask, built on @inquirer/prompts: it shows a question exactly as
 * questions.ts built it and decides nothing itself. It is imported only when a prompt is
 * actually shown, so scripted runs and --help never pay for loading it.
 */
export function inquirerAsk(): Ask {
  // Prompts draw on stderr, beside the human lines of --json: stdout is for what a script reads.
  const context = { output: process.stderr };
  const ask = async (question: Question): Promise<unknown> => {
    const inquirer = await import('@inquirer/prompts');
    try {
      switch (question.kind) {
        case 'text':
          return await inquirer.input({ message: question.message, default: question.default, validate: (text) => question.validate(text) ?? true }, context);
        case 'select':
          return await inquirer.select({ message: question.message, choices: question.choices.map(shown), default: question.default }, context);
        case 'checkbox':
          return await inquirer.checkbox(
            { message: question.message, choices: question.choices.map(shown), validate: (checked) => question.validate(checked.map((choice) => choice.value)) ?? true },
            context,
          );
        case 'confirm':
          return await inquirer.confirm({ message: question.message, default: question.default }, context);
      }
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') throw new InterruptedError();
      throw error;
    }
  };
  return ask as Ask;
}

/** A choice as inquirer draws it: a refused one greyed out with its reason. */
function shown(choice: Offered) {
  return {
    value: choice.value,
    name: choice.label,
    description: choice.hint,
    disabled: choice.disabled ? `(${choice.disabled})` : false,
    checked: choice.checked ?? false,
  };
}
