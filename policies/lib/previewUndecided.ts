import {
  Policy,
  ReportViolation,
  ResourceValidation,
  ResourceValidationArgs,
  ResourceValidationPolicy,
  StackValidationArgs,
  StackValidationPolicy,
} from "@pulumi/policy";
import { isUnknownValue, NOT_JUDGED, UndecidedError } from "./unknowns";

/**
 * "Cannot judge yet", once per resource instead of once per rule. Left alone, the policy server
 * turns each rule's unknown-value error into its own advisory ("can't run policy … during
 * preview", @pulumi/policy server.js), so a first preview of a stack, where most outputs are
 * unknown, prints the same resource under many rules. Each rule is wrapped: its error is noted
 * per resource (the URN a resource rule ran on, or the URNs a stack rule's `Undecided` recorded),
 * and the advisory `preview-undecided` rule, last in the pack, reports each resource once with
 * every rule that could not judge it.
 */
export const PREVIEW_UNDECIDED_POLICY_NAME = "preview-undecided";

export interface UndecidedNote {
  rule: string;
  /** "" for what belongs to no one resource. */
  urn: string;
  what: string;
}

// Like the suppression notes (suppressions.ts): the server lives for one deployment or check;
// resource rules run per Analyze call, the summary in the final AnalyzeStack call.
const notes: UndecidedNote[] = [];

function noteError(rule: string, error: UndecidedError, urn: string | undefined): void {
  const items = error.undecidedItems ?? [{ what: error.message.replace(NOT_JUDGED, "").trim() }];
  for (const item of items) {
    notes.push({ rule, urn: item.urn ?? urn ?? "", what: item.what });
  }
}

/** Takes the notes about `urns` and the stack-wide ones (others are another stack's). */
export function takeUndecided(urns: Set<string>): UndecidedNote[] {
  const taken: UndecidedNote[] = [];
  for (let index = notes.length - 1; index >= 0; index--) {
    if (notes[index].urn === "" || urns.has(notes[index].urn)) {
      taken.unshift(...notes.splice(index, 1));
    }
  }
  return taken;
}

async function noting<T>(
  rule: string,
  urn: string | undefined,
  run: () => T | Promise<T>,
): Promise<T | undefined> {
  try {
    return await run();
  } catch (error) {
    if (!isUnknownValue(error)) throw error;
    noteError(rule, error, urn);
    return undefined;
  }
}

/** The rule, with its "cannot judge yet" errors noted for the per-resource summary. */
export function withPreviewSummary(
  policy: Policy,
): ResourceValidationPolicy | StackValidationPolicy {
  if ("validateStack" in policy) {
    const stackPolicy = policy as StackValidationPolicy;
    return {
      ...stackPolicy,
      validateStack: async (args: StackValidationArgs, report: ReportViolation) => {
        await noting(policy.name, undefined, () => stackPolicy.validateStack(args, report));
      },
    };
  }
  const resourcePolicy = policy as ResourceValidationPolicy;
  // Keeps `__pulumiType` (resourceTypes.ts forType) for the server's per-type skip.
  const wrap = (validate: ResourceValidation): ResourceValidation =>
    Object.assign(
      async (args: ResourceValidationArgs, report: ReportViolation) => {
        await noting(policy.name, args.urn, () => validate(args, report));
      },
      { __pulumiType: (validate as { __pulumiType?: string }).__pulumiType },
    );
  const validateResource = resourcePolicy.validateResource;
  return {
    ...resourcePolicy,
    validateResource: Array.isArray(validateResource)
      ? validateResource.map(wrap)
      : validateResource && wrap(validateResource),
  };
}
