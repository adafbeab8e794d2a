import type { GatewayError, Reply } from './gateway-responses.js';
import { type Rendered, renderTemplate, type TemplateRequest } from './mapping-template.js';

/** What the service behind a non-proxy integration answered. */
export interface ServiceAnswer {
  readonly status: number;
  readonly body: unknown;
}

/**
 * A non-proxy integration (AWS service or MOCK) as API Gateway runs it: the request
 * template for the request's content type turns the request into the service call, the
 * integration response whose selection pattern matches the service's status is chosen, and
 * its template turns the service's answer into the response.
 */
export async function runMappedIntegration(
  integration: Record<string, any>,
  request: TemplateRequest & { readonly contentType: string },
  call: (payload: string) => ServiceAnswer | Promise<ServiceAnswer>,
): Promise<Reply | GatewayError> {
  const templates: Record<string, string> = integration.RequestTemplates ?? {};
  const template = templates[request.contentType];
  const passthrough = integration.PassthroughBehavior ?? 'WHEN_NO_MATCH';
  if (template === undefined && (passthrough === 'NEVER' || (passthrough === 'WHEN_NO_TEMPLATES' && Object.keys(templates).length > 0))) {
    return 'UNSUPPORTED_MEDIA_TYPE';
  }
  const payload = template === undefined ? request.body : renderTemplate(template, request).output;
  const answer = await call(payload);
  const responses: Record<string, any>[] = integration.IntegrationResponses ?? [];
  const status = String(answer.status);
  const selected =
    responses.find((response) => response.SelectionPattern && new RegExp(`^(?:${response.SelectionPattern})$`).test(status)) ??
    responses.find((response) => !response.SelectionPattern);
  if (!selected) return 'BAD_GATEWAY';
  const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body);
  const responseTemplate: string | undefined = selected.ResponseTemplates?.['application/json'];
  const rendered: Rendered = responseTemplate === undefined ? { output: body, headerOverrides: {} } : renderTemplate(responseTemplate, { ...request, body });
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  for (const [name, value] of Object.entries<string>(selected.ResponseParameters ?? {})) {
    const header = /^method\.response\.header\.(.+)$/.exec(name)?.[1];
    if (header) headers[header.toLowerCase()] = value.replace(/^'(.*)'$/, '$1');
  }
  for (const [header, value] of Object.entries(rendered.headerOverrides)) headers[header.toLowerCase()] = value;
  return { status: rendered.statusOverride ?? Number(selected.StatusCode), headers, body: rendered.output };
}
