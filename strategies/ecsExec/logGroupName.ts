import { NAME_RULES, physicalName } from "../../lib/physicalName";

/**
 * The log group ECS Exec sessions are recorded in (`logging: override`). Pure: the component
 * names the group with it and `npm run audit` points at it.
 */
export function execLogGroupName(project: string, stack: string): string {
  return physicalName([`/${project}/${stack}/ecs-exec`], NAME_RULES.logGroup);
}
