import { describe, expect, it } from 'vitest';
import { maxStageNameLength, sandboxStage, sanitisedName } from '../../src/sandbox/stage-name.js';

describe("a sandbox's stage name", () => {
  it('is sbx- and the first of git user.name, the email local part, the OS user that leaves a name', () => {
    expect(sandboxStage(['Ada', 'ada.l', 'ada'])).toBe('sbx-ada');
    expect(sandboxStage([undefined, 'grace.hopper', 'gh'])).toBe('sbx-grace-ho');
    expect(sandboxStage(['!!!', undefined, 'root'])).toBe('sbx-root');
    expect(sandboxStage([undefined, undefined, undefined])).toBeUndefined();
  });

  it('keeps lower-case letters, digits and single hyphens, accents dropped, none at either end', () => {
    expect(sanitisedName('Zoë Ångström')).toBe('zoe-angs');
    expect(sanitisedName('  J. R. Doe ')).toBe('j-r-doe');
    expect(sanitisedName('__dev__ops__')).toBe('dev-ops');
    expect(sanitisedName('李')).toBe('');
  });

  it('fits the app\'s stage names (12 characters, bucket names), never ending in a hyphen once cut', () => {
    expect(sandboxStage(['Maximilian Mustermann'])).toBe('sbx-maximili');
    expect(sandboxStage(['abcdefg-hijk'])).toBe('sbx-abcdefg');
    for (const name of ['Maximilian Mustermann', 'abcdefg-hijk', 'x'.repeat(100)]) expect(sandboxStage([name])!.length).toBeLessThanOrEqual(maxStageNameLength);
  });

  it('is never a stage a team lists: prod or dev', () => {
    expect(sandboxStage(['prod'])).toBe('sbx-prod');
    expect(sandboxStage(['DEV'])).toBe('sbx-dev');
  });
});
