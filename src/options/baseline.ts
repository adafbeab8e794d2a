import { type Answers, defaultAnswers } from './answers.js';
import { type PresetId, presetOf } from './presets.js';

/**
 * The answers a pattern starts from before any flag or prompt: the table's defaults ← the
 * preset's starting values ← the preset's answers ← the stored answers (upgrade) ← a new
 * pattern's answers when an upgrade changes it. Resolving and the equivalent command line
 * both start here, so the command's flags are exactly the answers that differ from it.
 */
export function baselineAnswers(pattern: PresetId, stored?: Answers): Answers {
  const preset = presetOf(pattern);
  // Copies: the answers are the user's to change, the preset table is not.
  const presetAnswers = structuredClone(preset.answers) as Partial<Answers>;
  const presetDefaults = structuredClone(preset.defaults) as Partial<Answers> | undefined;
  const switchedPreset = stored !== undefined && stored.pattern !== pattern ? presetAnswers : {};
  return { ...defaultAnswers(), ...presetDefaults, ...presetAnswers, ...structuredClone(stored), ...switchedPreset, pattern };
}
