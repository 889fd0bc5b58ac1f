import type { AuditContext, AuditSource } from "../../operator/auditSource";
import { sessionRecord } from "../../operator/sessionRecord";
import type { TrailEvent } from "../../operator/cloudTrail";
import { PROJECT_NAME } from "../../lib/projectName";
import { execLogGroupName } from "./logGroupName";

type Json = Record<string, unknown>;

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Whether a cluster parameter (a name or an ARN, ExecuteCommand `cluster`) is the stack's cluster. */
export function isCluster(value: unknown, clusterName: string): boolean {
  const text = str(value);
  return text === clusterName || (text?.endsWith(`:cluster/${clusterName}`) ?? false);
}

/**
 * Where a session's transcript is. The SSM agent in the container uploads it to CloudWatch Logs
 * in a stream named after the session id (amazon-ssm-agent agent/session/shell/shell.go:
 * `StreamData(config.CloudWatchLogGroup, config.SessionId, …)`, `CwlStream = config.SessionId`).
 * The group is the cluster's: ours with `logging: override`; the task definition's awslogs group
 * with `default` ("ExecuteCommandConfiguration", ECS API reference); none with `none`.
 */
export function execTranscript(context: AuditContext, sessionId: string | undefined): string {
  const { logging } = context.config.ecsExec;
  if (logging === "none") return "not recorded (ecsExec.logging: none)";
  if (!sessionId) return "none (no session)";
  const group =
    logging === "override"
      ? execLogGroupName(PROJECT_NAME, context.stack)
      : context.outputs.containerLogGroupName;
  return `${group} ${sessionId}`;
}

/**
 * ECS Exec sessions: CloudTrail `ExecuteCommand` events from ecs.amazonaws.com on the stack's
 * cluster. The event's `requestParameters` and `responseElements` are the API's request and
 * response (ExecuteCommand: cluster, container, command, task → clusterArn, containerName,
 * taskArn, session.sessionId; ECS API reference).
 */
export const ecsExecAudit: AuditSource = {
  permissions: [{ action: "cloudtrail:LookupEvents", call: "CloudTrail LookupEvents" }],
  async collect(context) {
    const events = await context.cloudTrail.lookup(
      { eventName: "ExecuteCommand", eventSource: "ecs.amazonaws.com" },
      context.since,
      context.until,
    );
    const { clusterName } = context.outputs;
    const ours = (event: TrailEvent) =>
      isCluster(event.requestParameters.cluster, clusterName) ||
      isCluster(event.responseElements.clusterArn, clusterName);
    const records = events.filter(ours).map((event) => {
      const request = event.requestParameters;
      const response = event.responseElements;
      const sessionId = str((response.session as Json | undefined)?.sessionId);
      const task = str(response.taskArn) ?? str(request.task) ?? "?";
      const container = str(response.containerName) ?? str(request.container) ?? "?";
      const target = `task/${task.split("/").pop()}/${container}`;
      return sessionRecord(event, {
        strategy: "ecsExec",
        what: `${str(request.command) ?? "(no command)"} (${target})`,
        target,
        transcript: execTranscript(context, sessionId),
        id: sessionId ?? event.eventId,
      });
    });
    return { records, notes: [] };
  },
};
