/**
 * The log group the stack's Session document records sessions in. Pure: the component names the
 * group with it and `npm run audit` points at it.
 */
export function sessionLogGroupName(project: string, stack: string): string {
  return `/${project}/${stack}/session-manager`;
}
