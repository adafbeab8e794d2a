import type { Answers } from './answers.js';
import { lowThrottleRegions } from './regions.js';

/**
 * Answers that are valid but probably not what was meant, each as one line to print. API
 * Gateway accepts a burst below the rate (its own CDK example sets 10:2), so that is a
 * warning, not a refusal: the burst is the token bucket's size, so more requests than that
 * arriving together are turned away even below the rate.
 */
const checks = [
  ({ throttle: { rateLimit, burstLimit } }: Answers) =>
    burstLimit < rateLimit
      ? `--throttle ${rateLimit}:${burstLimit}: a burst below the rate turns away (429) more than ${burstLimit} requests arriving together, even under ${rateLimit} per second; a burst of at least the rate is usual`
      : undefined,
  ({ throttle: { rateLimit, burstLimit }, region }: Answers) =>
    lowThrottleRegions.includes(region) && (rateLimit > 2_500 || burstLimit > 1_250)
      ? `--throttle ${rateLimit}:${burstLimit}: in ${region} API Gateway's default account quota is 2500 requests per second with a burst of 1250; ask AWS to raise it, or the stage never reaches these limits`
      : undefined,
] as const;

export function answerWarnings(answers: Answers): string[] {
  return checks.flatMap((check) => check(answers) ?? []);
}
