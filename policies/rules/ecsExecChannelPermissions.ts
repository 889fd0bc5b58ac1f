import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { statementAllows } from "../lib/iamDocument";
import {
  allStatements,
  dependedOn,
  knownProps,
  roleLabel,
  statementsOfRole,
  taskRoleOf,
} from "../lib/roleStatements";
import { TYPES } from "../lib/resourceTypes";

/** What the ECS-managed SSM agent in a task needs to open an exec session. */
export const CHANNEL_ACTIONS = [
  "ssmmessages:CreateControlChannel",
  "ssmmessages:CreateDataChannel",
  "ssmmessages:OpenControlChannel",
  "ssmmessages:OpenDataChannel",
];

function findBy(
  resources: PolicyResource[],
  type: string,
  reference: unknown,
  keys: string[],
): PolicyResource | undefined {
  if (typeof reference !== "string" || reference === "") {
    return undefined;
  }
  return resources.find(
    (resource) =>
      resource.type === type && keys.some((key) => knownProps(resource).props[key] === reference),
  );
}

/** The service's task definition: by value, or by dependency while its ARN is not known yet. */
function taskDefinitionOf(
  resources: PolicyResource[],
  service: PolicyResource,
): PolicyResource | undefined {
  if (knownProps(service).unknown.includes("taskDefinition")) {
    return dependedOn(service, "taskDefinition", TYPES.taskDefinition)[0];
  }
  return findBy(resources, TYPES.taskDefinition, service.props.taskDefinition, [
    "arn",
    "arnWithoutRevision",
    "family",
  ]);
}

/**
 * A service with ECS Exec on runs tasks whose role can open the session channels; without them
 * `execute-command` fails with "TargetNotConnectedException" long after deployment. Only checked
 * where the stack links service → task definition → role (known values); skipped otherwise.
 */
export const ecsExecChannelPermissions: StackValidationPolicy = {
  name: "ecs-exec-channel-permissions",
  description:
    "ECS services with enableExecuteCommand must run a task role that allows the four ssmmessages " +
    "channel actions (aws-containers ecs-exec-checker; AWS ECS Exec prerequisites).",
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const { resources } = args;
    for (const service of resources.filter((r) => r.type === TYPES.service)) {
      if (service.props.enableExecuteCommand !== true) {
        continue;
      }
      const taskDefinition = taskDefinitionOf(resources, service);
      const [role] = taskDefinition ? taskRoleOf(resources, taskDefinition).roles : [];
      if (!role) {
        continue;
      }
      // Every way a policy reaches the role counts (inline, RolePolicy, attached customer or AWS
      // managed policies); a policy whose document is not visible may grant them: not judged.
      const grants = statementsOfRole(resources, role);
      const statements = allStatements(grants);
      const missing = CHANNEL_ACTIONS.filter(
        (action) => !statements.some((statement) => statementAllows(statement, action)),
      );
      if (missing.length > 0 && grants.hidden.length === 0 && grants.pending.length === 0) {
        reportViolation(
          `enableExecuteCommand is on but the task role ${roleLabel(role)} does not allow ${missing.join(", ")}. ` +
            'Select ecsExec or sessionManager in fargate-access:strategies (both add them), or grant them with Resource "*".',
          service.urn,
        );
      }
    }
  },
};
