/**
 * The targets `npm run bench` checks (issue "Speed, third round"), in one place: bench.js
 * lists which were met, report.js marks each row. Ratios are against each row's baseline.
 */
export const limits = {
  /** `--help` against `node -e 0`, on every Node measured. */
  help: 1.2,
  /** Generating a preset against create-vite's react-ts template: the presets with a target. */
  generate: { api: 1.0, secure: 1.3 },
  /** A function's cold init against the hand-written floor, tracing on and off. */
  coldInit: 1.3,
  /** The api project's `cdk synth` against a one-table app's. */
  synth: 1.3,
  /** The api project's `npm test` may take its own synth plus this. */
  testOverSynthMs: 2000,
  devReadyMs: 3000,
  requestP50Ms: 10,
  loadP99Ms: 250,
  sandboxMs: 10_000,
  firstAnswerMs: 20_000,
};
