import { ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import { CONTAINER_SOURCE_TYPES } from "../model/containerSources";
import { OVERRIDE_LAUNCHER_TYPES } from "../model/containerOverrides";
import { LAMBDA_TYPES, PlainValue, plainValuesOf } from "../model/plainValues";
import { asPolicyResource } from "./judgeContainers";
import { forTypes, TYPES } from "./resourceTypes";
import { Undecided } from "./unknowns";

/** The types that hand processes plain values (model/plainValues.ts). */
// A set: state machines are both container sources and override holders, judged once.
const HOLDER_TYPES = [
  ...new Set([
    ...CONTAINER_SOURCE_TYPES,
    ...LAMBDA_TYPES,
    TYPES.stateMachine,
    ...OVERRIDE_LAUNCHER_TYPES,
  ]),
];

/**
 * A resource rule over every plain value a resource hands a process (model/plainValues.ts).
 * `judgeFor` returns the message for one value, or `undefined`. Parts not known during a preview
 * are noted once each, in one advisory at the end. Messages never carry the value itself.
 */
export function judgePlainValues(
  judgeFor: (args: ResourceValidationArgs) => (value: PlainValue) => string | undefined,
): ResourceValidation {
  const validate: ResourceValidation = (args, reportViolation) => {
    const undecided = new Undecided();
    const judge = judgeFor(args);
    const { values, notKnown } = plainValuesOf([asPolicyResource(args)]);
    for (const value of values) {
      const message = judge(value);
      if (message !== undefined) reportViolation(message);
    }
    for (const { origin, what } of notKnown) undecided.note(`${origin.name}: ${what}`, origin.urn);
    undecided.finish();
  };
  return forTypes(HOLDER_TYPES, validate);
}
