import { RemovalPolicy } from 'aws-cdk-lib';
import { config } from '../config.js';

/** Tables and logs outlive their stack unless this is a throwaway stage. */
export function removalPolicy(): RemovalPolicy {
  return config.dataRemoval === 'retain' ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
}
