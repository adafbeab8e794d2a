/**
 * A template value as the text it becomes at deploy time, with each value CloudFormation fills
 * in then (a reference, an import) shown as `«deploy-time»`: enough to read a policy's shape.
 */
export function templateText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'Fn::Join' in value) {
    const [separator, parts] = (value as { 'Fn::Join': [string, unknown[]] })['Fn::Join'];
    return parts.map(templateText).join(separator);
  }
  return '«deploy-time»';
}

/** The sources of one directive of a content security policy, e.g. `connect-src`. */
export function directive(policy: string, name: string): string[] {
  const found = policy
    .split(';')
    .map((part) => part.trim().split(/\s+/))
    .find(([first]) => first === name);
  return found ? found.slice(1) : [];
}
