import { Logger } from '@aws-lambda-powertools/logger';
import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { Tracer } from '@aws-lambda-powertools/tracer';
import type { Context } from 'aws-lambda';

/**
 * Powertools for AWS Lambda, shared by every handler of the service. Each reads its settings
 * from the function's environment (infra/constructs/service-function.ts sets them):
 * `POWERTOOLS_SERVICE_NAME`, the log level (`AWS_LAMBDA_LOG_LEVEL`, `POWERTOOLS_LOG_LEVEL`)
 * and the metrics namespace (`POWERTOOLS_METRICS_NAMESPACE`).
 *
 * - `logger`: one JSON object per line, with the function's request id, cold start and the
 *   request's correlation id on every line.
 * - `tracer`: X-Ray subsegments for the handler and each AWS SDK call (`traced`), in Lambda
 *   where the stage has `tracing: true` (infra/config.ts). Anywhere else (a stage with
 *   `'requests'` or `false`, `npm run dev`, the tests) it is not even loaded: the X-Ray SDK
 *   under it is most of a function's cold init.
 * - `metrics`: CloudWatch metrics in Embedded Metric Format, written with the logs: no API
 *   call, no added latency. `POWERTOOLS_METRICS_DISABLED=true` keeps them out of local output.
 */
export const logger = new Logger();
export const metrics = new Metrics();
export { MetricUnit };
// The stage's setting first: where it is false the bundle has it written in (ServiceFunction),
// and esbuild leaves the tracer out of the bundle altogether.
export const tracer: Tracer | undefined =
  process.env.POWERTOOLS_TRACE_ENABLED !== 'false' && process.env.AWS_EXECUTION_ENV?.startsWith('AWS_Lambda_')
    ? new (await import('@aws-lambda-powertools/tracer')).Tracer()
    : undefined;

/** An AWS SDK client whose calls are X-Ray subsegments when the function traces. */
export function traced<Client>(client: Client): Client {
  return tracer ? tracer.captureAWSv3Client(client) : client;
}

/**
 * Runs one invocation the same way in every handler: the Lambda context and the correlation
 * id on every log line, the handler as an X-Ray subsegment (annotated with the cold start),
 * and the metrics the invocation added flushed when it ends, whatever happens.
 */
export async function instrumented<T>(context: Context | undefined, correlationId: string | undefined, run: () => Promise<T>): Promise<T> {
  if (context) logger.addContext(context);
  if (correlationId) logger.setCorrelationId(correlationId);
  metrics.captureColdStartMetric();
  const segment = tracer?.isTracingEnabled() ? tracer.getSegment() : undefined;
  const subsegment = segment?.addNewSubsegment(`## ${process.env._HANDLER ?? 'handler'}`);
  if (subsegment) tracer?.setSegment(subsegment);
  tracer?.annotateColdStart();
  tracer?.addServiceNameAnnotation();
  try {
    return await run();
  } catch (error) {
    tracer?.addErrorAsMetadata(error as Error);
    throw error;
  } finally {
    subsegment?.close();
    if (segment) tracer?.setSegment(segment);
    // An invocation that counted nothing (a 400, a 404) writes no empty metrics line.
    if (metrics.hasStoredMetrics()) metrics.publishStoredMetrics();
    logger.resetKeys();
  }
}
