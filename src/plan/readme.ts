/**
 * The generated README, top to bottom. Each feature folder contributes sections as
 * `_readme/<part>.md.hbs`; a part gathers them in the order of the feature table. `about` is
 * each feature's own section: what it adds and how to work with it.
 */
export const readmeOutline = ['intro', 'architecture', 'routes', 'authorization', 'about', 'commands', 'develop', 'layout', 'services', 'deploy', 'team', 'costs', 'upgrade', 'security'] as const;

export type ReadmePart = (typeof readmeOutline)[number];

/** Where a feature keeps its README sections. */
export const readmeFolder = '_readme/';

export interface ReadmeSection {
  readonly part: ReadmePart;
  /** The contributing feature's place in the feature table. */
  readonly order: number;
  readonly text: string;
}

/** `_readme/about.md` → `about`; a name that is not a part of the outline is a mistake in the templates. */
export function readmePart(path: string, folder: string): ReadmePart {
  const part = path.slice(readmeFolder.length).replace(/\.md$/, '');
  const known = readmeOutline.find((candidate) => candidate === part);
  if (!known) throw new Error(`templates/${folder}/${path}: a README section must be one of ${readmeOutline.map((p) => `${p}.md.hbs`).join(', ')}`);
  return known;
}

/** The README: every section, part by part, and within a part in feature order. */
export function joinReadme(sections: readonly ReadmeSection[]): string {
  const sorted = [...sections].sort((a, b) => readmeOutline.indexOf(a.part) - readmeOutline.indexOf(b.part) || a.order - b.order);
  return `${sorted.map((section) => section.text.trim()).join('\n\n')}\n`;
}
