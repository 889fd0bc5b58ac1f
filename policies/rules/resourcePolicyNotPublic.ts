import { ResourceValidationPolicy } from "@pulumi/policy";
import { ownAccount, trustedAccountsSchema } from "../iam/ownAccount";
import { awsPrincipals, pins, principalAccount } from "../iam/trustPrincipals";
import { parsePolicyDocument, statementName } from "../lib/iamDocument";
import { resourcePolicyOf } from "../model/resourcePolicies";

/**
 * Keys that narrow an open (`*`) principal to callers of known accounts, organisations, networks
 * or services: IAM global condition keys (`aws:PrincipalAccount`, `aws:PrincipalOrgID`,
 * `aws:SourceVpce`, …) and KMS's `kms:CallerAccount`, the one AWS managed key policies use with
 * `Principal: *` (AWS KMS Developer Guide, "kms:CallerAccount").
 */
const PINNING =
  /^(aws:(principalaccount|principalorgid|principalorgpaths|principalarn|sourceaccount|sourcearn|sourceorgid|sourcevpce|sourcevpc)|kms:calleraccount)$/i;

/**
 * A resource-based policy (KMS key, S3 bucket, secret, ECR repository, queue, topic, log resource
 * policy) lets no one in that an identity policy of the stack could not: no Allow for every
 * principal (`*`, `{"AWS": "*"}`, NotPrincipal) unless a condition pins the caller's account,
 * organisation, network or the calling service's source; no principal of another account unless
 * the policy config lists it. A resource-based policy grants on its own, without any identity
 * policy of the caller's account for callers of the same account (IAM User Guide, "Policy
 * evaluation logic": resource-based policies), so the identity rules cannot see what it grants.
 */
export const resourcePolicyNotPublic: ResourceValidationPolicy = {
  name: "resource-policy-not-public",
  description:
    "Resource-based policies (KMS keys, S3 buckets, secrets, ECR repositories, queues, topics) must " +
    "not allow every principal without a pinning condition, nor accounts the config does not list.",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      trustedAccounts: trustedAccountsSchema(
        "Other accounts a resource policy of this stack may name.",
      ),
    },
  },
  validateResource: (args, reportViolation) => {
    const policy = resourcePolicyOf(args.type, args.props);
    if (!policy || policy.document === undefined) return;
    const parsed = parsePolicyDocument(policy.document, "resource");
    if (parsed.kind === "invalid") {
      reportViolation(
        `Cannot check the ${policy.what} policy (${policy.property}): ${parsed.reason}.`,
      );
      return;
    }
    const { trustedAccounts = [] } = args.getConfig<{ trustedAccounts?: string[] }>();
    const own = ownAccount(args.props);
    for (const statement of parsed.kind === "parsed" ? parsed.statements : []) {
      if (statement.effect !== "Allow") continue;
      const name = statementName(statement);
      const open =
        statement.notPrincipals ||
        statement.principals.some((principal) => principal.value === "*");
      if (open && !pins(statement.conditions, PINNING)) {
        reportViolation(
          `${policy.what} policy, ${name}: allows ${statement.notPrincipals ? "every principal but those named (NotPrincipal)" : "every principal (*)"} to ${statement.notActions ? "all but the named actions" : statement.actions.join(", ")}. Name the principals, or pin aws:PrincipalAccount, aws:PrincipalOrgID or aws:SourceVpce (kms:CallerAccount for a key).`,
        );
      }
      for (const { value } of awsPrincipals(statement)) {
        const account = principalAccount(value);
        if (own && account && account !== own && !trustedAccounts.includes(account)) {
          reportViolation(
            `${policy.what} policy, ${name}: names ${value} of account ${account}, not this resource's account ${own}. If that is intended, list ${account} in this rule's trustedAccounts.`,
          );
        }
      }
    }
  },
};
