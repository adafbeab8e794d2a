/**
 * Handlebars templates compiled ahead of time, keyed by the template's own text. From
 * source (tests, development) this is empty and every template is compiled when first
 * rendered; the published bundle gets the compiled form of every `.hbs` file from
 * src/build/build.js, so generating a project never runs the Handlebars compiler. Keying by
 * the text means a template edited after the build is simply compiled again, never stale.
 */
export const precompiled: ReadonlyMap<string, object> = new Map();
