import type { Facts } from '../options/facts.js';
import { ingestTarget } from './ingest.js';
import { functionOperations, tableAction } from './operations.js';

/**
 * A Mermaid flowchart of what was generated, derived from the answers' facts, so the README's
 * picture always matches the stacks: one subgraph per stack, named as `cdk deploy` names it.
 * Every label is quoted: Mermaid 11 reads characters such as `@` in a bare label as syntax.
 */
export function architectureDiagram(f: Facts): string {
  const { rateLimit, burstLimit } = f.throttle;
  const lines = ['flowchart LR', `  client(["${f.spa ? 'Browser' : 'Client'}"])`];
  if (f.spa) lines.push(...siteLines(f));
  if (f.authorizers.cognito) lines.push(...userPoolLines(f));
  const operations = functionOperations(f);
  const ingest = ingestTarget(f.ingest);
  for (const service of f.services) {
    const api = `${service}Api`;
    const prefix = f.routePrefix(service);
    lines.push(
      `  subgraph ${service}Stack ["${f.name}-${service} stack${whereServiceDeploys(f, service)}"]`,
      ...(f.apiDistribution ? [`    ${service}Cdn["CloudFront<br/>no caching, all methods<br/>adds the x-api-key secret"]`] : []),
      `    ${api}["API Gateway REST API, ${f.endpointType}<br/>${rateLimit} req/s, burst ${burstLimit}${f.cache ? '<br/>GET cache' : ''}${f.apiDistribution || f.sameOrigin ? '<br/>API key required' : ''}"]`,
      ...(f.authorizers.lambda ? [`    ${service}Authorizer["λ authorizer<br/>verifies the bearer JWT"]`] : []),
      ...(f.waf && !f.apiOnlyViaCloudFront ? [`    ${service}Waf[["WAF web ACL, REGIONAL"]]`, `    ${service}Waf -.-|"guards the stage"| ${api}`] : []),
      ...operations.map((op) => `    ${service}${op.handler}["λ ${op.handler}"]`),
      ...(ingest ? ingestNodes(service, ingest.label) : []),
      `    ${service}Table[("DynamoDB<br/>${service}${f.authorizers.any ? ', by owner' : ''}")]`,
      '  end',
      ...apiEntry(f, service),
      ...authorizerEdges(f, service),
      ...operations.flatMap((op) => [`  ${api} -->|"${op.method} ${op.route(prefix)}"| ${service}${op.handler}`, `  ${service}${op.handler} -->|"${tableAction(op, f.authorizers.any)}"| ${service}Table`]),
      ...(ingest ? ingestEdges(service, api, `POST ${prefix || '/'}`, ingest.action, f.ingest === 'sqs') : []),
    );
  }
  if (f.waf) lines.push(...wafLines(f));
  if (f.apiDomain && !f.multiAccount) {
    lines.push(
      `  subgraph domainStack ["${f.name}-domain stack"]`,
      `    apiDomain["https://${f.apiDomain}<br/>a base path per service"]`,
      '  end',
      ...f.services.map((service) => `  apiDomain -->|"/${service}"| ${service}Api`),
    );
  }
  lines.push(...apiGatewayAccountLines(f));
  if (f.spa) lines.push(...edgeMonitoringLines(f));
  return lines.join('\n');
}

/**
 * The alarms on CloudFront's metrics, which are in us-east-1 only, with the edge's dashboard,
 * in a us-east-1 stack (infra/stacks/edge-monitoring-stack.ts), notifying the topic there.
 */
function edgeMonitoringLines(f: Facts): string[] {
  const distributions = ['siteCdn', ...(f.apiDistribution ? f.services.map((service) => `${service}Cdn`) : [])];
  const watched = ['5XX rate', ...(f.edges.siteAuth ? ['Lambda@Edge failures'] : []), ...(f.waf ? ['WAF blocked requests'] : [])];
  const topicStack = edgeAlarmsStack(f);
  // In us-east-1 with one account, the services' topic is the edge's too.
  const topic = topicStack === `${f.name}-alarms` ? 'alarmTopic0' : 'edgeAlarmTopic';
  return [
    `  subgraph edgeMonitoringStack ["${f.name}-edge stack, us-east-1"]`,
    `    edgeAlarms["CloudWatch alarms, dashboard ${f.name}-edge<br/>${watched.join(', ')}"]`,
    '  end',
    ...(topic === 'edgeAlarmTopic' ? [`  subgraph edgeAlarmsStack ["${topicStack} stack"]`, `    edgeAlarmTopic(["SNS topic ${f.name}-alarms, us-east-1"])`, '  end'] : []),
    ...distributions.map((distribution) => `  ${distribution} -.->|"metrics"| edgeAlarms`),
    `  edgeAlarms -.->|"notify"| ${topic}`,
  ];
}

/**
 * The stack of the alarm topic in us-east-1, where CloudFront's alarms are: the services' own
 * when the app is there, else one named like it, for us-east-1 (`alarmStackName` in
 * infra/define-app.ts). A site means one account: the rules refuse a SPA with --accounts multi.
 */
export function edgeAlarmsStack(f: Facts): string {
  return f.region === 'us-east-1' ? `${f.name}-alarms` : `${f.name}-alarms-us-east-1`;
}

/** --waf: the CLOUDFRONT web ACL in us-east-1, on every distribution (infra/waf.ts); each API's own is drawn in its stack. */
function wafLines(f: Facts): string[] {
  const distributions = [...(f.spa ? ['siteCdn'] : []), ...(f.apiDistribution ? f.services.map((service) => `${service}Cdn`) : [])];
  if (distributions.length === 0) return [];
  return [
    `  subgraph wafStack ["${f.name}-waf stack, us-east-1"]`,
    '    cdnWaf[["WAF web ACL, CLOUDFRONT<br/>rate limit per IP, AWS managed rules"]]',
    '  end',
    ...distributions.map((distribution) => `  cdnWaf -.-|"guards"| ${distribution}`),
  ];
}

/** With one account per service, each service stack says where it goes. */
function whereServiceDeploys(f: Facts, service: string): string {
  const target = f.multiAccount ? f.serviceAccounts.find((candidate) => candidate.service === service) : undefined;
  return target ? `<br/>account ${target.account}, ${target.region ?? f.region}` : '';
}

/** API Gateway's logging role and the alarm topic: one stack each per account and region the services deploy to. */
function apiGatewayAccountLines(f: Facts): string[] {
  const environments = f.multiAccount
    ? [...new Map(f.serviceAccounts.map(({ account, region = f.region }) => [`${account}-${region}`, { account, region }])).values()]
    : [undefined];
  const stackTitle = (name: string, environment: (typeof environments)[number]) =>
    `${f.name}-${name}${environment ? `-${environment.account}-${environment.region}` : ''} stack${environment ? `<br/>account ${environment.account}, ${environment.region}` : ''}`;
  return environments.flatMap((environment, index) => [
    `  subgraph apiGatewayStack${index} ["${stackTitle('api-gateway', environment)}"]`,
    `    apiGatewayAccount${index}["API Gateway account settings<br/>the CloudWatch Logs role of every REST API there"]`,
    '  end',
    // The topic every alarm of that account and region notifies (infra/stacks/alarm-topic-stack.ts).
    `  subgraph alarmsStack${index} ["${stackTitle('alarms', environment)}"]`,
    `    alarmTopic${index}(["SNS topic ${f.name}-alarms<br/>every alarm there notifies it"])`,
    '  end',
  ]);
}

/** The user pool every API trusts, in a stack of its own. */
function userPoolLines(f: Facts): string[] {
  return [
    `  subgraph authStack ["${f.name}-auth stack"]`,
    '    userPool[("Cognito user pool<br/>app client, hosted sign-in")]',
    '  end',
    ...(f.spa ? ['  client -.->|"signs in, PKCE"| userPool'] : []),
  ];
}

/** Which authorizer checks each service's tokens against what. */
function authorizerEdges(f: Facts, service: string): string[] {
  const api = `${service}Api`;
  return [
    ...(f.authorizers.cognito ? [`  ${api} -.->|"Cognito authorizer"| userPool`] : []),
    ...(f.authorizers.lambda ? [`  ${api} -.->|"${f.authorizers.both ? 'DELETE: group check' : 'every route but /health'}"| ${service}Authorizer`] : []),
  ];
}

/** Storage-first: POST lands in a queue or stream with no function in between; a consumer drains it. */
function ingestNodes(service: string, store: string): string[] {
  return [`    ${service}Store[("${store}")]`, `    ${service}ingest["λ ingest<br/>consumer"]`, `    ${service}DeadLetters[("dead-letter<br/>SQS queue")]`];
}

function ingestEdges(service: string, api: string, route: string, action: string, viaQueue: boolean): string[] {
  return [
    `  ${api} -->|"${route}<br/>${action}, 202"| ${service}Store`,
    `  ${service}Store -->|"batches"| ${service}ingest`,
    `  ${service}ingest -->|"PutItem, once per id"| ${service}Table`,
    viaQueue ? `  ${service}Store -.->|"after 5 failed receives"| ${service}DeadLetters` : `  ${service}ingest -.->|"records given up on"| ${service}DeadLetters`,
    `  ${service}ingest -.->|"records that are not items"| ${service}DeadLetters`,
  ];
}

function siteLines(f: Facts): string[] {
  const edge = edgeLines(f);
  return [
    `  subgraph siteStack ["${f.name}-site stack"]`,
    `    siteCdn["CloudFront<br/>OAC, HTTP/2 and 3, security headers<br/>${f.edges.versionRouting ? 'version routing' : 'SPA fallback'} on the S3 behavior"]`,
    '    siteBucket[("S3, private<br/>the built SPA + config.json")]',
    ...edge.inSiteStack,
    '  end',
    ...(f.siteDomain
      ? [`  subgraph certificateStack ["${f.name}-certificate stack, us-east-1"]`, `    certificate["ACM certificate<br/>${f.siteDomain}"]`, '  end', '  certificate -.- siteCdn']
      : []),
    `  subgraph siteContentStack ["${f.name}-site-content stack"]`,
    '    siteContent["the build and config.json<br/>deployed to the bucket"]',
    '  end',
    `  client -->|"${f.siteDomain ? `https://${f.siteDomain}` : 'HTTPS'}"| siteCdn`,
    '  siteCdn -->|"/* via OAC"| siteBucket',
    '  siteContent -.-> siteBucket',
    ...edge.outside,
  ];
}

/** What the chosen --edge features draw, each line once (two features may share a construct). */
function edgeLines(f: Facts) {
  const once = (lines: readonly string[]) => [...new Set(lines)];
  return {
    inSiteStack: once(f.edgeSpecs.flatMap((spec) => spec.diagram?.inSiteStack ?? [])),
    outside: once(f.edgeSpecs.flatMap((spec) => spec.diagram?.outside ?? [])).map((line) => line.replaceAll('{edgeStack}', edgeStack(f)).replaceAll('{app}', f.name)),
  };
}

/**
 * Lambda@Edge functions live in us-east-1: in the site stack when the app is there, else in a
 * stack of their own there (templates/edge-site-auth/infra/constructs/site-auth.ts).
 */
export function edgeStack(f: Facts): string {
  return f.region === 'us-east-1' ? `${f.name}-site` : `${f.name}-site-auth`;
}

/** How requests reach one service's API: straight, through its own distribution, or through the site's. */
function apiEntry(f: Facts, service: string): string[] {
  const api = `${service}Api`;
  if (!f.spa) return [`  client -->|"HTTPS"| ${api}`];
  if (f.apiDistribution) return [`  client -->|"HTTPS, CORS from the site's origin"| ${service}Cdn`, `  ${service}Cdn -->|"x-api-key"| ${api}`];
  if (f.sameOrigin) return [`  siteCdn -->|"${f.apiPathPattern(service)}, no CORS, x-api-key"| ${api}`];
  return [`  client -->|"HTTPS, CORS from the site's origin"| ${api}`];
}
