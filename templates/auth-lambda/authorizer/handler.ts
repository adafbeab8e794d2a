import { authorizer } from './authorize.js';
import { tokenCheckFromEnvironment } from './token-check.js';

/** The Lambda authorizer's entry point; its settings come from the environment the stack sets. */
export const handler = authorizer(tokenCheckFromEnvironment(process.env));
