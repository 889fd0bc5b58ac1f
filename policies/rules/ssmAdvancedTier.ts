import { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { TYPES } from "../lib/resourceTypes";
import { Undecided } from "../lib/unknowns";

/** The SSM service setting of the hybrid instance tier (a test pins it to the program's copy). */
export const TIER_SETTING = "/ssm/managed-instance/activation-tier";

/** True when a role's trust policy lets SSM assume it: a hybrid activation role. */
function trustsSsm(role: PolicyResource): boolean {
  const trust = role.props.assumeRolePolicy;
  const text = typeof trust === "string" ? trust : JSON.stringify(trust ?? {});
  return text.includes('"ssm.amazonaws.com"');
}

/**
 * Session Manager reaches hybrid (`mi-…`) instances only on the advanced tier; on the standard
 * tier registration works but `start-session` fails. The setting is account-and-region wide and
 * may be owned by another stack, so this rule is advisory.
 */
export const ssmAdvancedTier: StackValidationPolicy = {
  name: "ssm-advanced-tier-for-hybrid-activation",
  description:
    "A stack with a hybrid activation role (trusted by ssm.amazonaws.com) must set the SSM " +
    `service setting ${TIER_SETTING} to advanced, or Session Manager cannot reach its instances.`,
  enforcementLevel: "advisory",
  validateStack: (args, reportViolation) => {
    const undecided = new Undecided();
    const activationRoles = args.resources.filter(
      (r) => r.type === TYPES.role && undecided.attemptOn(r, () => trustsSsm(r)) === true,
    );
    const advanced = args.resources.some(
      (r) =>
        r.type === TYPES.serviceSetting &&
        undecided.attemptOn(
          r,
          () =>
            String(r.props.settingId ?? "").endsWith(TIER_SETTING) &&
            r.props.settingValue === "advanced",
        ) === true,
    );
    if (activationRoles.length > 0 && !advanced) {
      reportViolation(
        `${activationRoles.map((r) => r.name).join(", ")} can register hybrid instances, but no ` +
          `aws.ssm.ServiceSetting sets ${TIER_SETTING} to advanced in this stack. Keep ` +
          "fargate-access:sessionManager.instanceTier: advanced, or make sure another stack of this account and region sets it.",
      );
    }
    undecided.finish();
  },
};
