import { PolicyResource, ReportViolation, StackValidationArgs } from "@pulumi/policy";
import { ofType } from "./stackLookup";
import { Undecided } from "./unknowns";

/**
 * The body of a stack rule that judges resources one at a time: `select` picks them, `judgeFor`
 * (called once per check, so it may hold state for the run) returns the judge of one resource.
 * A value not known during a preview leaves only that resource undecided, noted in one advisory
 * at the end; the others' violations are still reported.
 */
export function judgeEach(
  select: (resources: PolicyResource[]) => PolicyResource[],
  judgeFor: (
    args: StackValidationArgs,
    reportViolation: ReportViolation,
    undecided: Undecided,
  ) => (resource: PolicyResource) => void,
): (args: StackValidationArgs, reportViolation: ReportViolation) => void {
  return (args, reportViolation) => {
    const undecided = new Undecided();
    const judge = judgeFor(args, reportViolation, undecided);
    for (const resource of select(args.resources)) {
      undecided.attemptOn(resource, () => judge(resource));
    }
    undecided.finish();
  };
}

/** {@link judgeEach} over the resources of one type. */
export function judgeEachOfType(
  type: string,
  judgeFor: Parameters<typeof judgeEach>[1],
): ReturnType<typeof judgeEach> {
  return judgeEach((resources) => ofType(resources, type), judgeFor);
}

/** Every resource of the stack. */
export const allResources = (resources: PolicyResource[]) => resources;
