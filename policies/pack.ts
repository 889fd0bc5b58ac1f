import { Policies } from "@pulumi/policy";
import { withSuppressions } from "./lib/suppressions";
import { ALL_POLICIES } from "./policies";
import { policySuppressions } from "./rules/policySuppressions";

/** What the pack serves: every rule with per-resource suppressions, then their summary (last). */
export const PACK_POLICIES: Policies = [...ALL_POLICIES.map(withSuppressions), policySuppressions];
