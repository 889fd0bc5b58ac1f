/**
 * Whether a stack is treated as production: the operator roles then require MFA by default
 * (`requireMfa`), and the policy pack holds its state machine to an allow-list. Set
 * `fargate-access:productionLike` to decide it yourself; by default, a stack named `prod` or
 * `production`, alone or followed by `-`, `_` or `.` and anything (`prod-eu`, `production.2`),
 * in any letter case.
 */
export const PRODUCTION_STACK_NAME = /^(prod|production)([-_.].*)?$/i;

/** The stack's production-likeness: the configured value, else the stack name's. */
export function isProductionLike(stack: string | undefined, configured?: boolean): boolean {
  if (configured !== undefined) return configured;
  return stack !== undefined && PRODUCTION_STACK_NAME.test(stack);
}
