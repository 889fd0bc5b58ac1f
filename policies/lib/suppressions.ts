import {
  Policy,
  PolicyResource,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isUnknownValue } from "./unknowns";

/**
 * Per-resource suppressions with a mandatory reason, in the spirit of cdk-nag's NagSuppressions:
 * an exception names one rule, one resource and why, and stays visible. Two ways to declare one:
 * - policy config (`--policy-pack-config`, `npm run check -- --policy-config`): under a rule,
 *   `suppressions: [{ resource: <URN or logical name>, reason: <at least 10 characters> }]`;
 *   the Pulumi CLI validates it against the rule's configSchema, which the pack extends below;
 * - a tag on the resource itself: `policy-suppress:<rule name>` = reason (tag values allow only
 *   letters, digits, spaces and `_ . : / = + - @`), honoured only where the rule's policy config
 *   sets `allowTagSuppressions: true`: whoever may tag a resource may write a tag, so by default
 *   only the policy config (which the security team owns) decides exceptions.
 * A suppressed violation is not reported by its rule; the advisory `policy-suppressions` rule
 * (last in the pack) reports each one with its reason, so `pulumi preview` and `npm run check`
 * show every exception in use without failing on it.
 */
export const SUPPRESSIONS_POLICY_NAME = "policy-suppressions";
export const SUPPRESSION_TAG_PREFIX = "policy-suppress:";
export const MIN_REASON_LENGTH = 10;

export interface Suppression {
  resource: string;
  reason: string;
}

export const SUPPRESSIONS_SCHEMA: PolicyConfigJSONSchema = {
  type: "array",
  default: [],
  description: "Resources this rule does not report, each with the reason (an audited exception).",
  items: {
    type: "object",
    required: ["resource", "reason"],
    additionalProperties: false,
    properties: {
      resource: { type: "string", minLength: 1, description: "URN or logical name" },
      reason: { type: "string", minLength: MIN_REASON_LENGTH, description: "Why this is accepted" },
    },
  },
};

/** A suppression that was used, or one that was refused (no reason), for the summary. */
export interface SuppressionNote {
  rule: string;
  urn: string;
  reason: string;
  source: "policy config" | "tag";
  message: string;
  /** Why the suppression did not apply: its reason is too short, or tags are not allowed. */
  refused?: "short reason" | "tags not allowed";
}

// Suppressions applied since the summary last ran. The pack's server lives for one deployment
// (or one offline check): resource rules run per Analyze call, stack rules and then the summary
// in the final AnalyzeStack call, so the summary sees every note of this run.
const notes = new Map<string, SuppressionNote>();

function note(entry: SuppressionNote): void {
  notes.set(`${entry.rule}\n${entry.urn}\n${entry.message}`, entry);
}

/** Takes the notes about `urns` (others are left for their own stack's summary). */
export function takeNotes(urns: Set<string>): SuppressionNote[] {
  const taken: SuppressionNote[] = [];
  for (const [key, entry] of notes) {
    if (urns.has(entry.urn)) {
      taken.push(entry);
      notes.delete(key);
    }
  }
  return taken;
}

function matchesResource(entry: string, urn: string, name: string | undefined): boolean {
  return entry === urn || entry === name || urn.endsWith(`::${entry}`);
}

function tagReason(props: Record<string, unknown> | undefined, rule: string): string | undefined {
  try {
    const tags = props?.tags as Record<string, unknown> | undefined;
    const value = tags?.[`${SUPPRESSION_TAG_PREFIX}${rule}`];
    return typeof value === "string" ? value : undefined;
  } catch (error) {
    if (isUnknownValue(error)) {
      return undefined; // tags not known during this preview: nothing is suppressed by them
    }
    throw error;
  }
}

/** Decides whether one violation is suppressed; notes it either way a suppression was named. */
function suppressed(
  rule: string,
  config: Record<string, unknown>,
  target: { urn: string; name?: string; props?: Record<string, unknown> },
  message: string,
): boolean {
  const configured = config.suppressions;
  const tagsAllowed = config.allowTagSuppressions === true;
  const fromConfig = (Array.isArray(configured) ? (configured as Partial<Suppression>[]) : []).find(
    (entry) =>
      typeof entry?.resource === "string" &&
      matchesResource(entry.resource, target.urn, target.name),
  );
  const candidates: [SuppressionNote["source"], string | undefined][] = [
    ["policy config", fromConfig ? String(fromConfig.reason ?? "") : undefined],
    ["tag", tagReason(target.props, rule)],
  ];
  for (const [source, reason] of candidates) {
    if (reason === undefined) {
      continue;
    }
    const refused =
      source === "tag" && !tagsAllowed
        ? "tags not allowed"
        : reason.trim().length < MIN_REASON_LENGTH
          ? "short reason"
          : undefined;
    note({ rule, urn: target.urn, reason: reason.trim(), source, message, refused });
    if (!refused) {
      return true;
    }
  }
  return false;
}

const ALLOW_TAGS_SCHEMA: PolicyConfigJSONSchema = {
  type: "boolean",
  default: false,
  description:
    "Honour policy-suppress:<rule> tags on resources (off: only the policy config suppresses).",
};

function withSuppressionSchema(policy: Policy): Policy["configSchema"] {
  return {
    ...policy.configSchema,
    properties: {
      ...policy.configSchema?.properties,
      suppressions: SUPPRESSIONS_SCHEMA,
      allowTagSuppressions: ALLOW_TAGS_SCHEMA,
    },
  };
}

/** The rule, with per-resource suppressions (its configSchema gains `suppressions`). */
export function withSuppressions(policy: Policy): ResourceValidationPolicy | StackValidationPolicy {
  if ("validateStack" in policy) {
    const stackPolicy = policy as StackValidationPolicy;
    return {
      ...stackPolicy,
      configSchema: withSuppressionSchema(policy),
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) =>
        stackPolicy.validateStack(args, (message, urn) => {
          const resource = urn
            ? args.resources.find((r: PolicyResource) => r.urn === urn)
            : undefined;
          const target = { urn: urn ?? "", name: resource?.name, props: resource?.props };
          if (!urn || !suppressed(policy.name, args.getConfig(), target, message)) {
            reportViolation(message, urn);
          }
        }),
    };
  }
  const resourcePolicy = policy as ResourceValidationPolicy;
  const wrap = (validate: ResourceValidation): ResourceValidation =>
    // Keeps the single function's `__pulumiType` (resourceTypes.ts forType): the server's fast
    // type check looks at it, and only on a single (not array) validateResource.
    Object.assign(
      (args: ResourceValidationArgs, reportViolation: ReportViolation) =>
        validate(args, (message, urn) => {
          const target = {
            urn: urn ?? args.urn,
            name: urn ? undefined : args.name,
            props: args.props,
          };
          if (!suppressed(policy.name, args.getConfig(), target, message)) {
            reportViolation(message, urn);
          }
        }),
      { __pulumiType: (validate as { __pulumiType?: string }).__pulumiType },
    );
  const validateResource = resourcePolicy.validateResource;
  return {
    ...resourcePolicy,
    configSchema: withSuppressionSchema(policy),
    validateResource: Array.isArray(validateResource)
      ? validateResource.map(wrap)
      : validateResource && wrap(validateResource),
  };
}
