import { FLAGS, ScriptSpec, parseArgs } from "../scripts/args";
import { SINCE_FORMS, parseSince } from "./auditTime";

/** `npm run audit` options. */
export interface AuditArgs {
  stack: string;
  /** `--outputs FILE`: the stack's outputs as JSON, instead of `pulumi stack output --json`. */
  outputs?: string;
  /** `--since`: the start of the window; it ends now. Default 7 days back. */
  since: Date;
  /** The end of the window: when the command started. */
  until: Date;
  json: boolean;
  help: boolean;
}

export const DEFAULT_SINCE = "7d";

export const AUDIT_SPEC: ScriptSpec = {
  command: "npm run audit",
  summary:
    "Read-only: who ran what on the stack, merged across its strategies (Step Functions runs, ECS Exec and Session Manager sessions), newest first.",
  flags: [
    FLAGS.stack,
    {
      name: "outputs",
      value: "FILE",
      help: "the stack's outputs as JSON (pulumi stack output --json > FILE); default: ask the Pulumi CLI",
    },
    {
      name: "since",
      value: "WHEN",
      help: `the start of the window, ${SINCE_FORMS}; default ${DEFAULT_SINCE}`,
    },
    FLAGS.json,
  ],
};

/** `--stack s [--outputs FILE] [--since WHEN] [--json]`, the window ending at `now`. */
export function parseAuditArgs(argv: string[], now: Date): AuditArgs {
  const args = parseArgs(argv, AUDIT_SPEC);
  return {
    stack: args.stack,
    outputs: args.outputs,
    since: args.help ? now : parseSince(args.values.since ?? DEFAULT_SINCE, now),
    until: now,
    json: args.flags.has("json"),
    help: args.help,
  };
}
