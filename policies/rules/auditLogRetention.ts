import { StackValidationPolicy } from "@pulumi/policy";
import { Undecided } from "../lib/unknowns";
import { auditLogDestinations, logGroupsByName, retentionOf } from "../model/logGroups";

/**
 * The default floor: the project's default `logRetentionDays`, so that no example stack is
 * blocked, and long enough that a monthly access review still sees every session. Regulated
 * teams raise it: PCI DSS v4.0 requirement 10.5.1 keeps audit logs 12 months, the last three
 * immediately available (set 90 or 365).
 */
export const DEFAULT_AUDIT_MINIMUM_DAYS = 30;

/** Audit trails (ECS Exec and Session Manager transcripts, state machine history) are kept long enough. */
export const auditLogRetention: StackValidationPolicy = {
  name: "audit-log-retention",
  description:
    "Log groups that hold the audit trail of ad-hoc access (ECS Exec transcripts, Session Manager " +
    "transcripts, state machine execution history) must keep it at least minimumDays (30 by " +
    "default; PCI DSS 10.5.1 asks 90 days immediately available): a one-day retention erases the " +
    "evidence before anyone looks.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      minimumDays: { type: "integer", default: DEFAULT_AUDIT_MINIMUM_DAYS, minimum: 1 },
    },
  },
  validateStack: (args, reportViolation) => {
    const minimum =
      args.getConfig<{ minimumDays?: number }>().minimumDays ?? DEFAULT_AUDIT_MINIMUM_DAYS;
    const undecided = new Undecided();
    const groups = logGroupsByName(args.resources);
    const reported = new Set<string>();
    for (const { name, writer, what } of auditLogDestinations(args.resources, undecided)) {
      const group = groups.get(name);
      const days = group && undecided.attempt(`log group ${name}`, () => retentionOf(group));
      if (group && typeof days === "number" && days < minimum && !reported.has(name)) {
        reported.add(name);
        reportViolation(
          `Log group ${name} holds ${what} (${writer.name}) but keeps them ${days} day(s), under ` +
            `${minimum}; raise fargate-access:logRetentionDays.`,
          group.urn,
        );
      }
    }
    undecided.finish();
  },
};
