import { ReportViolation, ResourceValidationPolicy } from "@pulumi/policy";
import { ParsedDocument, parsePolicyDocument } from "../lib/iamDocument";
import { acceptsAnything } from "../lib/scopingConditions";
import { mayCarryTrust, placeOf, templateUnknownsOf, trustDocumentsOf } from "../model/grants";
import { Undecided } from "../lib/unknowns";

/** Keys that pin who the caller is, or on whose behalf a service calls (IAM global keys). */
const PINNING_KEYS =
  /^aws:(principalaccount|principalorgid|principalarn|sourceaccount|sourcearn|sourceorgid)$/i;
const MATCHING = /^(stringequals|stringlike|arnequals|arnlike)$/i;

/**
 * No role of the stack may be assumed by anyone: a trust policy with Principal `*` (or
 * `{"AWS": "*"}`) or NotPrincipal lets every AWS account in, unless a condition pins the caller's
 * account, organisation or ARN. (AWS CDK docs, aws_iam.AnyPrincipal: `{"AWS": "*"}` is "all AWS
 * identities in all accounts"; Datadog rule "IAM role trust policy should not contain a wildcard
 * principal" asks for a Condition when one is used.)
 */
export const iamTrustNoWildcardPrincipal: ResourceValidationPolicy = {
  name: "iam-trust-no-wildcard-principal",
  description:
    "Role trust policies must not allow every principal (* or NotPrincipal) without a condition " +
    "that pins the caller's account, organisation or ARN.",
  enforcementLevel: "mandatory",
  // Roles of every provider and of CloudFormation templates (model/grants.ts); not marked with one
  // type for the server's fast skip, which takes a single type (resourceTypes.ts forType).
  validateResource: (args, reportViolation) => {
    if (!mayCarryTrust(args.type)) return;
    for (const trust of trustDocumentsOf(args.type, args.props)) {
      judgeTrust(parsePolicyDocument(trust.document, "trust"), placeOf(trust), reportViolation);
    }
    // A principal only CloudFormation knows (Fn::ImportValue, …) is not judged, and said so.
    const undecided = new Undecided();
    templateUnknownsOf(args.type, args.props).forEach((what) => undecided.note(what));
    undecided.finish();
  },
};

/** Reports each Allow statement that lets every principal in without pinning the caller. */
function judgeTrust(parsed: ParsedDocument, place: string, reportViolation: ReportViolation) {
  for (const statement of parsed.kind === "parsed" ? parsed.statements : []) {
    const open =
      statement.notPrincipals || statement.principals.some((principal) => principal.value === "*");
    if (statement.effect !== "Allow" || !open) {
      continue;
    }
    const pinned = statement.conditions.some(
      (condition) =>
        PINNING_KEYS.test(condition.key) &&
        MATCHING.test(condition.operator) &&
        !acceptsAnything(condition.values) &&
        condition.values.every((value) => !value.includes("*")),
    );
    if (!pinned) {
      reportViolation(
        `${place}The trust policy lets every principal assume this role (${statement.notPrincipals ? "NotPrincipal" : "Principal *"}). ` +
          "Name the principals (an account, role or service), or pin aws:PrincipalAccount / aws:PrincipalOrgID.",
      );
    }
  }
}
