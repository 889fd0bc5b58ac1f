import { Policies } from "@pulumi/policy";
import { withPreviewSummary } from "./lib/previewUndecided";
import { withSuppressions } from "./lib/suppressions";
import { ALL_POLICIES } from "./policies";
import { policySuppressions } from "./rules/policySuppressions";
import { previewUndecided } from "./rules/previewUndecided";

/**
 * What the pack serves: every rule with per-resource suppressions and its "cannot judge yet"
 * noted per resource, then the two summaries (last: they read what the rules noted).
 */
export const PACK_POLICIES: Policies = [
  ...ALL_POLICIES.map((policy) => withPreviewSummary(withSuppressions(policy))),
  policySuppressions,
  previewUndecided,
];
