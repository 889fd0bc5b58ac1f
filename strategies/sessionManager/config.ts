import {
  IAM_PRINCIPAL_ARN,
  IAM_PRINCIPAL_DESCRIPTION,
  SNS_TOPIC_ARN,
  isScheduleExpression,
} from "../../config/patterns";
import { SectionValue, field, mapField } from "../../config/schema";
import { OPERATOR_IDENTITY_FIELDS } from "../operatorIdentity";
import type { ConfigCheckContext, ConfigFindings } from "../configCheck";
import type { ServiceKeys } from "../../library/existingService";

const SCHEDULE_HINT =
  "rate(N minutes|hours|days), e.g. rate(1 hour), or cron() with six fields (minutes hours day-of-month month day-of-week year) and ? in day-of-month or day-of-week, e.g. cron(0 3 * * ? *)";

/** The logical name of the component in the project's program (part of every URN below it). */
export const SESSION_MANAGER_RESOURCE_NAME = "session-manager";

/** `fargate-access:sessionManager`. */
export const SESSION_MANAGER_FIELDS = {
  // Only one value: Session Manager reaches hybrid-activated instances only in the advanced
  // tier; the key exists so that a stack file says so.
  instanceTier: mapField(
    field.string(
      /^advanced$/,
      "advanced (Session Manager reaches hybrid-activated instances only in the advanced tier)",
      "advanced",
    ),
    () => "advanced" as const,
  ),
  activationExpiryHours: field.integer(1, 720, 24, {
    doc: "how long a task may register with the activation it created",
  }),
  cleanupSchedule: field.string(isScheduleExpression, SCHEDULE_HINT, "rate(1 hour)", {
    doc: "when the cleanup function sweeps the managed instances of stopped tasks",
  }),
  operatorPrincipals: field.stringList(IAM_PRINCIPAL_ARN, IAM_PRINCIPAL_DESCRIPTION, {
    doc: "who may assume the operator role; empty → no role",
  }),
  ...OPERATOR_IDENTITY_FIELDS,
  resetTierOnDestroy: field.boolean(false, {
    doc: "`true`: `pulumi destroy` puts the account's tier back to standard (by default the account-wide setting stays: another stack may rely on it)",
  }),
  alarmTopicArn: field.optionalString(
    SNS_TOPIC_ARN,
    "an SNS topic ARN such as arn:aws:sns:ap-northeast-1:123456789012:oncall",
    { doc: "the topic the cleanup alarms notify (none: the alarms show in CloudWatch only)" },
  ),
  reservedConcurrency: field.optionalInteger(1, 1000, {
    defaultText: "none (unreserved)",
    doc: "reserved concurrency of the cleanup function",
  }),
  operatorSudo: field.boolean(false, {
    doc: "`true`: `ssm-user`, the user sessions run as, gets passwordless sudo; it can then read the activation role's credentials and alter what transcripts record",
  }),
  scopeHeartbeatToStackTag: field.boolean(true, {
    doc: "`false`: the agent's heartbeat (`ssm:UpdateInstanceInformation`) is allowed on every managed instance of the account and region, without the stack-tag condition; set it only if tasks register but never come Online",
  }),
  staleAfterHours: field.integer(0, 8760, 0, {
    defaultText: "`0` (never)",
    doc: "the sweep also deregisters a `ConnectionLost` instance of a still-running task after this many silent hours",
  }),
};

export type SessionManagerConfig = SectionValue<typeof SESSION_MANAGER_FIELDS>;

/**
 * The interface endpoints the tasks need: the image's agent registers and polls through ssm and
 * ec2messages, and opens sessions through ssmmessages.
 */
export const SESSION_MANAGER_ENDPOINT_SERVICES = ["ec2messages", "ssm", "ssmmessages"] as const;

/** The keys of an existing service Session Manager needs: the cleanup sweeps the cluster's tasks. */
export function sessionManagerServiceKeys(): ServiceKeys {
  return { keys: ["clusterName", "containerName"], why: "Session Manager" };
}

/**
 * The strategy's entry point registers the task, then runs the workload's command: ECS does not
 * pass the image's CMD to an overridden entry point, so the command must be explicit; and the
 * image must carry the entry point and the agent.
 */
export function checkSessionManagerConfig(
  _config: SessionManagerConfig,
  { shared, serviceSet }: ConfigCheckContext,
): ConfigFindings {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (serviceSet && !shared.service.command) {
    problems.push(
      `fargate-access:service.command: is required when sessionManager is selected (its entry point registers the task, then runs this command); set the container's command, e.g. ["/usr/local/bin/cron-foreground"] (container/Dockerfile's default: the base's cron daemon in the foreground).`,
    );
  }
  if (shared.service.image) {
    warnings.push(
      `fargate-access:service.image: sessionManager starts the container with /usr/local/bin/fargate-access-entrypoint; ${shared.service.image} must be built from container/Dockerfile, which installs amazon-ssm-agent with Profile.ShareCreds false (or set service.build: { context: container } instead).`,
    );
  }
  return { problems, warnings };
}
