import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { parsePolicyDocument, statementAllows } from "../lib/iamDocument";
import { policyDocumentsOf } from "../lib/policyDocuments";
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
    (resource) => resource.type === type && keys.some((key) => resource.props[key] === reference),
  );
}

/** The policy documents that apply to a role: its inline policies and its RolePolicies. */
function documentsOfRole(resources: PolicyResource[], role: PolicyResource): unknown[] {
  const names = new Set([role.props.id, role.props.name, role.props.arn].filter(Boolean));
  return [
    ...policyDocumentsOf(role.type, role.props),
    ...resources
      .filter((resource) => resource.type === TYPES.rolePolicy && names.has(resource.props.role))
      .flatMap((resource) => policyDocumentsOf(resource.type, resource.props)),
  ];
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
      const taskDefinition = findBy(resources, TYPES.taskDefinition, service.props.taskDefinition, [
        "arn",
        "arnWithoutRevision",
        "family",
      ]);
      const role = findBy(resources, TYPES.role, taskDefinition?.props.taskRoleArn, ["arn"]);
      if (!role) {
        continue;
      }
      const statements = documentsOfRole(resources, role).flatMap((document) => {
        const parsed = parsePolicyDocument(document);
        return parsed.kind === "parsed" ? parsed.statements : [];
      });
      const missing = CHANNEL_ACTIONS.filter(
        (action) => !statements.some((statement) => statementAllows(statement, action)),
      );
      if (missing.length > 0) {
        reportViolation(
          `enableExecuteCommand is on but the task role ${String(role.props.name ?? role.name)} does not allow ${missing.join(", ")}. ` +
            'Select ecsExec or sessionManager in fargate-access:strategies (both add them), or grant them with Resource "*".',
          service.urn,
        );
      }
    }
  },
};
