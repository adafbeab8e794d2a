/**
 * Handlebars templates compiled ahead of time, keyed by the template's own text. From
 * source (tests, development) this stays empty and every template is compiled when first
 * rendered; in the published bundle, template-files.ts adds a feature folder's compiled
 * templates as it loads the folder (src/build/build-options.js), so generating a project
 * never runs the Handlebars compiler. Keying by the text means a template edited after the
 * build is simply compiled again, never stale.
 */
export const precompiled = new Map<string, object>();
