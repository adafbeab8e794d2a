import DOMPurify from 'dompurify';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultAnswers } from '../../src/options/answers.js';
import { factsOf } from '../../src/options/facts.js';
import { presetIds, presetOf } from '../../src/options/presets.js';
import type { Answers } from '../../src/options/schema.js';
import { architectureDiagram } from '../../src/plan/diagram.js';
import { acceptedCombinations, type Combination, crossed, rotated, valueOf } from '../support/combinations.js';

// Mermaid sanitizes labels with DOMPurify, which needs a DOM to work; parsing, which is what
// is under test, does not. Stand-ins let mermaid's own parser run in Node.
Object.assign(DOMPurify, { addHook: () => {}, removeHook: () => {}, sanitize: (text: unknown) => String(text) });
let parse: (text: string) => Promise<unknown>;
beforeAll(async () => {
  const { default: mermaid } = await import('mermaid');
  parse = (text) => mermaid.parse(text);
});

const diagramOf = (answers: Answers) => architectureDiagram(factsOf(answers));

/** Mermaid's verdict: nothing when it parses, else the first line of its error. */
async function problemOf(diagram: string): Promise<string | undefined> {
  try {
    await parse(diagram);
    return undefined;
  } catch (error) {
    return String((error as Error).message).split('\n').slice(0, 3).join(' ');
  }
}

describe("the README's architecture diagram", () => {
  it.each(presetIds)('parses with Mermaid 11, the renderer GitHub uses (--pattern %s)', async (id) => {
    const preset = presetOf(id);
    expect(await problemOf(diagramOf({ ...defaultAnswers(), ...preset.defaults, ...preset.answers, pattern: id } as Answers))).toBeUndefined();
  });

  it('draws the web ACLs of --waf: one on each API stage, one in us-east-1 on every distribution', () => {
    const answers = (more: Partial<Answers>) => ({ ...defaultAnswers(), services: ['orders', 'users'], waf: true, ...more }) as Answers;
    const apiOnly = diagramOf(answers({}));
    expect(apiOnly).toContain('ordersWaf -.-|"guards the stage"| ordersApi');
    expect(apiOnly).toContain('usersWaf -.-|"guards the stage"| usersApi');
    expect(apiOnly).not.toContain('cdnWaf');
    const behindCloudFront = diagramOf(answers({ frontend: 'spa', apiAccess: 'cloudfront' }));
    for (const distribution of ['siteCdn', 'ordersCdn', 'usersCdn']) expect(behindCloudFront).toContain(`cdnWaf -.-|"guards"| ${distribution}`);
    expect(diagramOf(answers({ waf: false }))).not.toContain('Waf');
  });

  it("draws the edge's alarms in us-east-1, on every distribution, notifying the stage's topic there", () => {
    const answers = (more: Partial<Answers>) => ({ ...defaultAnswers(), name: 'shop', services: ['orders', 'users'], frontend: 'spa', ...more }) as Answers;
    const elsewhere = diagramOf(answers({ apiAccess: 'cloudfront', region: 'eu-west-1', waf: true }));
    expect(elsewhere).toContain('edgeMonitoringStack ["shop-edge stack, us-east-1"]');
    for (const distribution of ['siteCdn', 'ordersCdn', 'usersCdn']) expect(elsewhere).toContain(`${distribution} -.->|"metrics"| edgeAlarms`);
    expect(elsewhere).toContain('WAF blocked requests');
    expect(elsewhere).toContain('edgeAlarmsStack ["shop-alarms-us-east-1 stack"]');
    expect(elsewhere).toContain('edgeAlarms -.->|"notify"| edgeAlarmTopic');
    // In us-east-1 the services' topic is the edge's too.
    expect(diagramOf(answers({ region: 'us-east-1' }))).toContain('edgeAlarms -.->|"notify"| alarmTopic0');
    expect(diagramOf(answers({ frontend: 'none' }))).not.toContain('edgeAlarms');
  });

  it('parses with every value of every answer beside every value of every other', async () => {
    const diagrams = new Set(pairwise(acceptedCombinations().accepted).map(({ answers }) => diagramOf(answers)));
    const problems: string[] = [];
    for (const diagram of diagrams) {
      const problem = await problemOf(diagram);
      if (problem) problems.push(`${problem}\n${diagram}`);
    }
    expect(problems.slice(0, 2)).toEqual([]);
    // Seconds: mermaid parses a diagram in a few milliseconds, and there are a few hundred.
  }, 60_000);
});

/**
 * Enough of the accepted combinations for every value of each answer (each --edge feature on
 * its own) to meet every value of every other: a diagram's lines come from one answer or two,
 * so parsing these few hundred times fewer finds what parsing all of them would.
 */
function pairwise(combinations: readonly Combination[]): Combination[] {
  const dimensions = [...Object.keys(crossed), ...Object.keys(rotated)] as (keyof typeof crossed | keyof typeof rotated)[];
  const valuesOf = (combination: Combination) =>
    dimensions.flatMap((dimension) => (dimension === 'edge' ? combination.answers.edge.map((feature) => `edge:${feature}`) : [`${dimension}=${valueOf(combination, dimension)}`]));
  const met = new Set<string>();
  return combinations.filter((combination) => {
    const values = valuesOf(combination);
    const pairs = values.flatMap((a) => values.map((b) => `${a} ${b}`));
    const fresh = pairs.filter((pair) => !met.has(pair));
    for (const pair of fresh) met.add(pair);
    return fresh.length > 0;
  });
}
