import { describe, expect, it } from 'vitest';
import { mergePackageJson } from '../../src/merge/package-json.js';

const json = (value: object, indent: string | number = 2) => `${JSON.stringify(value, null, indent)}\n`;

const base = {
  name: 'shop',
  version: '0.1.0',
  scripts: { build: 'tsc --noEmit', test: 'vitest run', synth: 'cdk synth' },
  dependencies: { 'aws-cdk-lib': '2.276.0', constructs: '10.8.1' },
  devDependencies: { typescript: '7.0.2', vitest: '4.1.12' },
};

describe('package.json, merged by its structure', () => {
  it('keeps your scripts and versions and adds the generator\'s new keys', () => {
    const yours = {
      ...base,
      scripts: { ...base.scripts, lint: 'eslint .', test: 'vitest run --coverage' },
      dependencies: { ...base.dependencies, 'aws-cdk-lib': '2.280.0', lodash: '4.17.21' },
    };
    const generator = {
      ...base,
      scripts: { ...base.scripts, dev: 'tsx watch' },
      dependencies: { ...base.dependencies, 'aws-cdk-lib': '2.277.0', 'aws-jwt-verify': '5.1.0' },
    };
    const result = mergePackageJson(json(base), json(yours), json(generator))!;
    const merged = JSON.parse(result.text) as typeof base & { scripts: Record<string, string>; dependencies: Record<string, string> };
    expect(merged.scripts).toEqual({ build: 'tsc --noEmit', test: 'vitest run --coverage', synth: 'cdk synth', lint: 'eslint .', dev: 'tsx watch' });
    expect(merged.dependencies).toEqual({ 'aws-cdk-lib': '2.280.0', 'aws-jwt-verify': '5.1.0', constructs: '10.8.1', lodash: '4.17.21' });
    expect(Object.keys(merged.dependencies)).toEqual(['aws-cdk-lib', 'aws-jwt-verify', 'constructs', 'lodash']);
    expect(result.conflicts).toEqual([]);
    expect(result.kept).toEqual(['dependencies.aws-cdk-lib: kept yours "2.280.0" (the generator now has "2.277.0")']);
  });

  it('takes the generator\'s new value where you left it alone', () => {
    const generator = { ...base, devDependencies: { ...base.devDependencies, vitest: '4.2.0' } };
    const merged = JSON.parse(mergePackageJson(json(base), json(base), json(generator))!.text) as typeof base;
    expect(merged.devDependencies.vitest).toBe('4.2.0');
  });

  it('removes a key the generator dropped only if you had not changed it', () => {
    const yours = { ...base, scripts: { ...base.scripts, synth: 'cdk synth --quiet' } };
    const generator = { ...base, scripts: { build: 'tsc --noEmit', test: 'vitest run' }, devDependencies: { typescript: '7.0.2' } };
    const merged = JSON.parse(mergePackageJson(json(base), json(yours), json(generator))!.text) as typeof base;
    expect(merged.scripts).toEqual({ build: 'tsc --noEmit', test: 'vitest run', synth: 'cdk synth --quiet' });
    expect(merged.devDependencies).toEqual({ typescript: '7.0.2' });
  });

  it('keeps a key you removed removed', () => {
    const yours = { ...base, scripts: { build: 'tsc --noEmit', test: 'vitest run' } };
    const merged = JSON.parse(mergePackageJson(json(base), json(yours), json(base))!.text) as typeof base;
    expect(merged.scripts).toEqual({ build: 'tsc --noEmit', test: 'vitest run' });
  });

  it('returns your bytes exactly when the merge changes nothing, and keeps your indentation otherwise', () => {
    const yours = json({ ...base, scripts: { ...base.scripts, lint: 'eslint .' } }, 4);
    expect(mergePackageJson(json(base), yours, json(base))!.text).toBe(yours);
    const generator = json({ ...base, version: '0.2.0' });
    expect(mergePackageJson(json(base), yours, generator)!.text).toMatch(/^{\n {4}"name": "shop",\n {4}"version": "0.2.0",/);
  });

  it('without a base marks each differing value as a conflict, both values in the file, and adds the generator\'s new keys', () => {
    const yours = { ...base, scripts: { ...base.scripts, test: 'vitest' } };
    const generator = { ...base, scripts: { ...base.scripts, dev: 'tsx watch' } };
    const result = mergePackageJson(undefined, json(yours), json(generator))!;
    expect(result.text).toContain(
      ['    "build": "tsc --noEmit",', '<<<<<<< yours', '    "test": "vitest",', '=======', '    "test": "vitest run",', '>>>>>>> generator', '    "synth": "cdk synth",', '    "dev": "tsx watch"'].join('\n'),
    );
    expect(result.conflicts).toEqual(['scripts.test: yours "vitest", generator "vitest run"']);
    // Picking one side leaves valid JSON with every other change merged.
    const picked = result.text.replace(/<<<<<<< yours\n(.*)\n=======\n.*\n>>>>>>> generator\n/, '$1\n');
    expect((JSON.parse(picked) as typeof base).scripts).toEqual({ build: 'tsc --noEmit', test: 'vitest', synth: 'cdk synth', dev: 'tsx watch' });
  });

  it('without a base marks a value on several lines (an object against a string), indented as the file is', () => {
    const yours = { name: 'shop', repository: { type: 'git', url: 'https://example.com/shop.git' }, license: 'MIT' };
    const generator = { name: 'shop', repository: 'github:example/shop', license: 'MIT' };
    const result = mergePackageJson(undefined, json(yours, 4), json(generator, 4))!;
    expect(result.text).toBe(
      [
        '{',
        '    "name": "shop",',
        '<<<<<<< yours',
        '    "repository": {',
        '        "type": "git",',
        '        "url": "https://example.com/shop.git"',
        '    },',
        '=======',
        '    "repository": "github:example/shop",',
        '>>>>>>> generator',
        '    "license": "MIT"',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('gives up (for a text merge) when a side is not a JSON object', () => {
    expect(mergePackageJson(json(base), '{ "name": "shop", oops', json(base))).toBeUndefined();
  });
});
