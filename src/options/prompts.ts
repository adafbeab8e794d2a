import { CliError, InterruptedError } from '../errors.js';
import { type AnswerKey, type Answers, answerSpecs, formatAnswer } from './answers.js';
import { presetIds, presetOf } from './presets.js';
import { type Ask, parseAnswer } from './resolve.js';

/**
 * The interactive Ask, built on @inquirer/prompts. It is imported only when a prompt is
 * actually shown, so scripted runs and --help never pay for loading it.
 */
export function inquirerAsk(): Ask {
  return async (key, current) => {
    const inquirer = await import('@inquirer/prompts');
    try {
      return await askOne(inquirer, key, current);
    } catch (error) {
      if (error instanceof Error && error.name === 'ExitPromptError') throw new InterruptedError();
      throw error;
    }
  };
}

type Inquirer = typeof import('@inquirer/prompts');

async function askOne<K extends AnswerKey>(inquirer: Inquirer, key: K, current: Answers): Promise<Answers[K]> {
  const spec = answerSpecs[key];
  const { kind, message } = spec.prompt;
  const choices = choicesFor(key);

  switch (kind) {
    case 'select':
      return parseAnswer(
        key,
        await inquirer.select({ message, choices, default: formatAnswer(key, current[key]) }),
      );
    case 'multiselect': {
      const selected = current[key] as readonly string[];
      const values = await inquirer.checkbox({
        message,
        choices: choices.map((choice) => ({ ...choice, checked: selected.includes(choice.value) })),
      });
      return parseAnswer(key, values.join(','));
    }
    case 'confirm':
      return parseAnswer(key, await inquirer.confirm({ message, default: current[key] as boolean }));
    case 'per-service': {
      // One account (and region) per service, asked in turn, then checked as the flag would be.
      const pairs: string[] = [];
      for (const service of current.services) {
        const account = await inquirer.input({ message: `${message} ${service}`, validate: (v) => /^\d{12}$/.test(v.trim()) || 'must be a 12-digit AWS account id' });
        const region = await inquirer.input({ message: `Region for ${service}`, default: current.region });
        pairs.push(`${service}=${account.trim()}/${region.trim()}`);
      }
      return parseAnswer(key, pairs.join(','));
    }
    case 'text': {
      const text = await inquirer.input({
        message,
        default: formatAnswer(key, current[key]) || undefined,
        // Re-asks with the same one-line message a flag would get.
        validate: (value) => {
          try {
            parseAnswer(key, emptyAsUndefined(value));
            return true;
          } catch (error) {
            return error instanceof CliError ? error.message : String(error);
          }
        },
      });
      return parseAnswer(key, emptyAsUndefined(text));
    }
  }
}

function emptyAsUndefined(text: string): string | undefined {
  return text.trim() === '' ? undefined : text.trim();
}

/** Choices with their one-line descriptions; a preset shows its number and title. */
function choicesFor(key: AnswerKey) {
  const choices =
    key === 'pattern'
      ? presetIds.map((id) => presetOf(id)).map((preset) => ({ value: preset.id, label: `${preset.number}. ${preset.title}`, hint: preset.summary }))
      : (answerSpecs[key].prompt.choices ?? []);
  return choices.map((choice) => ({ value: choice.value, name: choice.label, description: choice.hint || undefined }));
}
