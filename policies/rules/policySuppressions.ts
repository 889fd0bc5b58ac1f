import { StackValidationPolicy } from "@pulumi/policy";
import { MIN_REASON_LENGTH, SUPPRESSIONS_POLICY_NAME, takeNotes } from "../lib/suppressions";

/**
 * Lists every suppression in use, with its reason, and every one refused for lack of a reason.
 * Advisory, so exceptions are visible in each preview and check without blocking them.
 */
export const policySuppressions: StackValidationPolicy = {
  name: SUPPRESSIONS_POLICY_NAME,
  description:
    "Suppressed findings, each with its rule, resource and reason, so exceptions stay visible and " +
    "auditable (cdk-nag NagSuppressions). Declare one in the rule's policy config " +
    "(suppressions: [{ resource, reason }]) or, where the config sets allowTagSuppressions, with a " +
    "resource tag policy-suppress:<rule> = reason.",
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    const urns = new Set(args.resources.map((resource) => resource.urn));
    for (const entry of takeNotes(urns)) {
      const finding = entry.message.replace(/\s+/g, " ");
      reportViolation(
        entry.refused === "tags not allowed"
          ? `${entry.rule}: the suppression (tag) was refused: this rule's policy config does not set allowTagSuppressions, so only the policy config may suppress it. Still reported: ${finding}`
          : entry.refused
            ? `${entry.rule}: the suppression (${entry.source}) was refused: its reason must say why in at least ${MIN_REASON_LENGTH} characters. Still reported: ${finding}`
            : `${entry.rule} suppressed (${entry.source}): "${entry.reason}". Finding: ${finding}`,
        entry.urn,
      );
    }
  },
};
