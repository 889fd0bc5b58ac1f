import { validateFlatConfig } from "../config/read";
import { AUDIT_SPEC, parseAuditArgs } from "../operator/auditArgs";
import { auditJson, collectAudit, renderAuditTable } from "../operator/audit";
import { LOOKUP_INTERVAL_MS, cloudTrailReader } from "../operator/cloudTrail";
import { CommandIo, processIo } from "../operator/io";
import { reportFailure } from "../operator/reportFailure";
import { readStackConfigFile } from "../offline/stackFiles";
import { helpText } from "./args";
import { readOutputs, stackRegion } from "./stackOutputs";

/** Knobs for tests; the defaults are what AWS asks of a caller. */
export interface AuditOptions {
  /** Milliseconds between two CloudTrail LookupEvents calls (AWS allows two a second). */
  lookupIntervalMs?: number;
  now?: () => Date;
}

/**
 * `npm run audit -- --stack prod [--since 7d] [--outputs FILE] [--json]`: who ran what on the
 * stack, read-only. Exits 1 when a strategy's records could not be read (a missing permission
 * is named), after printing what could.
 */
export async function main(
  argv: string[],
  io: CommandIo = processIo(),
  options: AuditOptions = {},
): Promise<number> {
  try {
    const args = parseAuditArgs(argv, (options.now ?? (() => new Date()))());
    if (args.help) {
      io.stdout(`${helpText(AUDIT_SPEC)}\n`);
      return 0;
    }
    const outputs = readOutputs(args.stack, args.outputs);
    const session = { region: stackRegion(args.stack) };
    const { config } = validateFlatConfig(readStackConfigFile(args.stack));
    const report = await collectAudit({
      stack: args.stack,
      outputs,
      config,
      session,
      since: args.since,
      until: args.until,
      cloudTrail: cloudTrailReader(session, options.lookupIntervalMs ?? LOOKUP_INTERVAL_MS),
    });
    io.stdout(`${args.json ? auditJson(report) : renderAuditTable(report)}\n`);
    for (const gap of args.json ? report.gaps : []) {
      io.stderr(`${gap.partial ? "Incomplete" : "Not shown"}: ${gap.strategy}: ${gap.reason}\n`);
    }
    return report.gaps.length > 0 ? 1 : 0;
  } catch (error) {
    return reportFailure(error, io);
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
