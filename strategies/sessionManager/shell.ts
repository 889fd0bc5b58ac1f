import { SSMClient } from "@aws-sdk/client-ssm";
import { ACTIVATION_TAG_KEYS, stackTagValue } from "../../lib/activationTags";
import { PROJECT_NAME } from "../../lib/projectName";
import type { StackOutputs } from "../../lib/stackOutputs";
import { stackInstances } from "../../lib/stackInstances";
import { ShellPlan, ShellSupport } from "../../operator/shellSupport";
import { AwsSession, clientConfig } from "../../operator/session";

/**
 * The session document to use: the stack's own, named by `--document-name` in the start-session
 * part of `sessionManagerStartCommand`; else none, and Session Manager uses its default shell
 * document.
 */
export function sessionDocumentName(outputs: StackOutputs): string | undefined {
  const startSession = /start-session\b[^#&|;]*/.exec(
    outputs.sessionManagerStartCommand ?? "",
  )?.[0];
  return /--document-name[ =]['"]?([\w.:/-]+)/.exec(startSession ?? "")?.[1];
}

/** This stack's Online managed instance (the freshest ping wins); PingStatus is judged here. */
export async function planSessionManager(
  ssm: SSMClient,
  outputs: StackOutputs,
  session: AwsSession,
  stackTag: string,
): Promise<ShellPlan> {
  const plan: ShellPlan = { strategy: "sessionManager", missing: [], notes: [] };
  const instances = await stackInstances(ssm, stackTag);
  const online = instances
    .filter((i) => i.PingStatus === "Online" && i.InstanceId)
    .sort((a, b) => (b.LastPingDateTime?.getTime() ?? 0) - (a.LastPingDateTime?.getTime() ?? 0));
  if (online.length === 0) {
    plan.blocker = `no managed instance tagged ${ACTIVATION_TAG_KEYS.stack}=${stackTag} is Online (${instances.length} known: ${instances.map((i) => `${i.InstanceId} ${i.PingStatus}`).join(", ") || "none"}); read the task's log for fargate-access-entrypoint lines, or run npm run doctor`;
    return plan;
  }
  const target = online[0].InstanceId ?? "";
  const document = sessionDocumentName(outputs);
  if (!document) {
    plan.notes.push(
      "the stack's outputs name no session document: using Session Manager's default (SSM-SessionManagerRunShell)",
    );
  }
  plan.target = target;
  plan.awsArgs = [
    "ssm",
    "start-session",
    "--region",
    session.region,
    "--target",
    target,
    ...(document ? ["--document-name", document] : []),
  ];
  return plan;
}

/** `npm run shell` through Session Manager: `aws ssm start-session` on an online instance. */
export const sessionManagerShell: ShellSupport = {
  refusesCommand:
    "--command works with --strategy ecsExec only; a Session Manager session opens a shell (for one command without a session, use the send-command line of the sessionManagerStartCommand output).",
  plan: (session, outputs, { stack }) =>
    planSessionManager(
      new SSMClient(clientConfig(session)),
      outputs,
      session,
      stackTagValue(PROJECT_NAME, stack),
    ),
};
