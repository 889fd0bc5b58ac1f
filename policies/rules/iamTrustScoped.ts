import { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { parsePolicyDocument, statementName } from "../lib/iamDocument";
import {
  FoundDocument,
  mayCarryTrust,
  placeOf,
  templateUnknownsOf,
  trustDocumentsOf,
} from "../model/grants";
import { Undecided } from "../lib/unknowns";
import { ownAccount, trustedAccountsSchema } from "../iam/ownAccount";
import { awsPrincipals, isAccountPrincipal, pins, principalAccount } from "../iam/trustPrincipals";

const CALLER_ARN = /^aws:principalarn$/i;
const SOURCE = /^aws:(sourceaccount|sourcearn)$/i;

/**
 * Services that assume a role on behalf of resources of any account, for which AWS documents
 * the confused-deputy conditions on the trust: Systems Manager's hybrid activation role
 * ("Create the IAM service role required for Systems Manager in hybrid and multicloud
 * environments"). ECS task roles are judged by iam-task-role-trust.
 */
const DEPUTY_SERVICES = new Set(["ssm.amazonaws.com"]);

/**
 * Every role's trust names who may assume it, narrowly: the account root only with a condition
 * on the caller's ARN, another account only when the policy config lists it, a deputy service
 * only pinned to this account.
 */
export const iamTrustScoped: ResourceValidationPolicy = {
  name: "iam-trust-scoped",
  description:
    "Role trust policies must not trust a whole account without pinning the caller's ARN, another " +
    "account the config does not list, or a service acting for any account (confused deputy).",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      trustedAccounts: trustedAccountsSchema(
        "Other accounts whose principals this stack's roles may trust.",
      ),
    },
  },
  // Roles of every provider and of CloudFormation templates (model/grants.ts); not marked with one
  // type for the server's fast skip, which takes a single type (resourceTypes.ts forType).
  validateResource: (args, reportViolation) => {
    if (!mayCarryTrust(args.type)) return;
    const { trustedAccounts = [] } = args.getConfig<{ trustedAccounts?: string[] }>();
    for (const trust of trustDocumentsOf(args.type, args.props)) {
      judgeTrust(trust, ownAccount(args.props), trustedAccounts, reportViolation);
    }
    // A principal only CloudFormation knows (Fn::ImportValue, …) is not judged, and said so.
    const undecided = new Undecided();
    templateUnknownsOf(args.type, args.props).forEach((what) => undecided.note(what));
    undecided.finish();
  },
};

/** Reports each Allow statement of one trust policy that trusts too widely. */
function judgeTrust(
  trust: FoundDocument,
  own: string | undefined,
  trustedAccounts: string[],
  reportViolation: ReportViolation,
) {
  const parsed = parsePolicyDocument(trust.document, "trust");
  for (const statement of parsed.kind === "parsed" ? parsed.statements : []) {
    if (statement.effect !== "Allow") continue;
    const name = `${placeOf(trust)}${statementName(statement)}`;
    for (const { value } of awsPrincipals(statement)) {
      const account = principalAccount(value);
      if (account === undefined) continue; // `*`: iam-trust-no-wildcard-principal
      if (isAccountPrincipal(value) && !pins(statement.conditions, CALLER_ARN)) {
        reportViolation(
          `${name}: trusts account ${account} as a whole (${value}): every user and role there allowed sts:AssumeRole may assume this role. Name the roles, or add a condition on aws:PrincipalArn.`,
        );
      }
      if (own !== undefined && account !== own && !trustedAccounts.includes(account)) {
        reportViolation(
          `${name}: trusts ${value} of account ${account}, not this role's account ${own}. If that is intended, list ${account} in this rule's trustedAccounts.`,
        );
      }
    }
    for (const principal of statement.principals) {
      if (principal.type !== "Service" || !DEPUTY_SERVICES.has(principal.value)) continue;
      if (!pins(statement.conditions, SOURCE)) {
        reportViolation(
          `${name}: ${principal.value} may assume this role for any account (confused deputy). Add StringEquals aws:SourceAccount (and ArnLike aws:SourceArn) for this account.`,
        );
      }
    }
  }
}
