/**
 * The regions the templates deploy to: those of the `aws` partition, as the AWS SDK's
 * partition data lists them (the copy in aws-cdk 2.1148, read 2026-11-29). One place to add
 * a region when AWS opens one.
 */
export const awsRegions = [
  'us-east-1', 'us-east-2', 'us-west-1', 'us-west-2',
  'af-south-1',
  'ap-east-1', 'ap-east-2', 'ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2',
  'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-3', 'ap-southeast-4', 'ap-southeast-5', 'ap-southeast-6', 'ap-southeast-7',
  'ca-central-1', 'ca-west-1',
  'eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3',
  'il-central-1', 'me-central-1', 'me-south-1', 'mx-central-1', 'sa-east-1',
] as const;

/**
 * Partitions the templates do not support yet: their ARNs, service hosts
 * (`.amazonaws.com.cn`) and where CloudFront's certificates live differ, so a project there
 * would synthesize and then fail to deploy.
 */
export const otherPartitions = [
  { prefix: 'cn-', partition: 'aws-cn' },
  { prefix: 'us-gov-', partition: 'aws-us-gov' },
  { prefix: 'us-iso', partition: 'aws-iso' },
  { prefix: 'eusc-', partition: 'aws-eusc' },
] as const;

/**
 * Regions where API Gateway's default account quota is 2,500 requests per second with a
 * burst of 1,250, not 10,000 and 5,000 (API Gateway quotas, "Amazon API Gateway quotas").
 */
export const lowThrottleRegions: readonly string[] = [
  'af-south-1', 'eu-south-1', 'ap-southeast-3', 'me-central-1', 'ap-south-2', 'ap-southeast-4', 'eu-south-2',
  'eu-central-2', 'il-central-1', 'ca-west-1', 'ap-southeast-5', 'ap-southeast-7', 'mx-central-1',
];

/** Why a region is refused, or undefined when the templates support it. */
export function regionProblem(region: string): string | undefined {
  if ((awsRegions as readonly string[]).includes(region)) return undefined;
  const other = otherPartitions.find(({ prefix }) => region.startsWith(prefix));
  if (other) return `is in the ${other.partition} partition, which the templates do not support yet (its ARNs, hosts and certificates differ): choose a region of the aws partition`;
  return 'is not a region of the aws partition, such as us-east-1 or eu-west-1';
}
