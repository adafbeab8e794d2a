/** infra/app.ts of a generated `api` project deployed into moto: see functions-only-app.js. */
export function functionsOnlyApp(options?: { ci?: boolean }): string;
