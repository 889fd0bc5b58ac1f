import { NormalizedStatement, statementsOfResource } from "../lib/iamDocument";
import { attachedPolicyArnsOf, policyDocumentsOf, stringList } from "../lib/policyDocuments";
import { TYPES } from "../lib/resourceTypes";
import {
  CloudFormationGrants,
  cloudFormationGrants,
  FoundDocument,
  isCloudFormationIamType,
} from "./cloudFormationIam";
import { fromProperty } from "./goJson";
import { unknownsAsText } from "./templateIntrinsics";
import { templateResources } from "./templateResources";

export type { FoundDocument } from "./cloudFormationIam";

/** IAM Identity Center (`aws` provider) types that give a permission set its permissions. */
export const SSO_TYPES = {
  inlinePolicy: "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
  managedPolicyAttachment: "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment",
} as const;

export const TEMPLATE_STACK = "aws:cloudformation/stack:Stack";

/**
 * The CloudFormation type an aws-native token stands for (`aws-native:iam:Role` is
 * AWS::IAM::Role: aws-native is generated from the CloudFormation registry schemas, Pulumi
 * Registry "AWS Cloud Control"), when it is one of the IAM types read here.
 */
function nativeCloudFormationType(type: string): string | undefined {
  const match = /^aws-native:([a-z0-9]+):([A-Za-z0-9]+)$/.exec(type);
  const cloudFormation = match && `AWS::${match[1].toUpperCase()}::${match[2]}`;
  return cloudFormation && isCloudFormationIamType(cloudFormation) ? cloudFormation : undefined;
}

const none = (): CloudFormationGrants => ({
  documents: [],
  trusts: [],
  managedPolicyArns: [],
  unknowns: [],
});
const EMPTY = none();

/** Grants of the shapes CloudFormation defines: aws-native resources and template resources. */
function cloudFormationShaped(type: string, props: Record<string, unknown>): CloudFormationGrants {
  const native = nativeCloudFormationType(type);
  if (native) {
    return cloudFormationGrants(
      native,
      fromProperty(() => props),
    );
  }
  if (type !== TEMPLATE_STACK) return EMPTY;
  const all = none();
  for (const resource of templateResources(fromProperty(() => props))) {
    if (!isCloudFormationIamType(resource.type)) continue;
    const grants = cloudFormationGrants(resource.type, unknownsAsText(resource.properties));
    const at = (found: FoundDocument): FoundDocument => ({
      document: found.document,
      where: [`template resource ${resource.logicalId}`, found.where].filter(Boolean).join(" "),
    });
    all.documents.push(...grants.documents.map(at));
    all.trusts.push(...grants.trusts.map(at));
    all.managedPolicyArns.push(...grants.managedPolicyArns);
    all.unknowns.push(
      ...resource.unknowns.map((what) => `template resource ${resource.logicalId} (${what})`),
    );
  }
  return all;
}

const shapedCache = new WeakMap<object, CloudFormationGrants>();

function shaped(type: string, props: Record<string, unknown>): CloudFormationGrants {
  if (type !== TEMPLATE_STACK && !type.startsWith("aws-native:")) return EMPTY;
  let grants = shapedCache.get(props);
  if (!grants) {
    grants = cloudFormationShaped(type, props);
    shapedCache.set(props, grants);
  }
  return grants;
}

/**
 * The identity policies one resource carries itself, in every provider's shape: the `aws`
 * provider's IAM resources (lib/policyDocuments.ts), an IAM Identity Center permission set's
 * inline policy, aws-native IAM and SSO resources, and the IAM resources of a CloudFormation
 * stack's JSON template. `where` names the place inside the resource ("" for the resource itself).
 */
export function identityDocumentsOf(type: string, props: Record<string, unknown>): FoundDocument[] {
  if (type === SSO_TYPES.inlinePolicy) return [{ document: props.inlinePolicy, where: "" }];
  const own = policyDocumentsOf(type, props).map((document) => ({ document, where: "" }));
  return own.length > 0 ? own : shaped(type, props).documents;
}

/** The trust policies (who may assume a role) one resource carries, in every provider's shape. */
export function trustDocumentsOf(type: string, props: Record<string, unknown>): FoundDocument[] {
  if (type === TYPES.role) return [{ document: props.assumeRolePolicy, where: "" }];
  return shaped(type, props).trusts;
}

/**
 * The managed policies a resource attaches as permissions, in every provider's shape (a role's,
 * user's or group's attachments, a permission set's). Permissions boundaries are not among them:
 * a boundary grants nothing (IAM User Guide, "Permissions boundaries for IAM entities").
 */
export function grantingPolicyArnsOf(type: string, props: Record<string, unknown>): string[] {
  if (type === SSO_TYPES.managedPolicyAttachment) return stringList(props.managedPolicyArn);
  const own = attachedPolicyArnsOf(type, props);
  return own.length > 0 ? own : shaped(type, props).managedPolicyArns;
}

/**
 * The parts of a CloudFormation stack's IAM resources whose value only CloudFormation knows
 * (templateIntrinsics.ts), each named with its template resource; empty for other types.
 */
export function templateUnknownsOf(type: string, props: Record<string, unknown>): string[] {
  return shaped(type, props).unknowns;
}

/** Every type whose resources can carry a trust policy (for rules that judge only trusts). */
export function mayCarryTrust(type: string): boolean {
  return (
    type === TYPES.role ||
    type === TEMPLATE_STACK ||
    nativeCloudFormationType(type) === "AWS::IAM::Role"
  );
}

/** A message's prefix for a document found inside a resource ("" for the resource itself). */
export function placeOf(found: FoundDocument): string {
  return found.where ? `${found.where}: ` : "";
}

/** A statement of an identity policy, with the place of its document in the resource. */
export interface PlacedStatement {
  statement: NormalizedStatement;
  place: string;
}

/**
 * Every statement of the identity policies a resource carries (identityDocumentsOf), each with its
 * place as a message prefix, and why any document cannot be read. A document not known yet (a
 * preview) yields neither; a template's intrinsic functions are worked out, and those whose value
 * cannot be known are listed in `unknowns` (the rest of the document is judged).
 */
export function identityStatementsOf(
  type: string,
  props: Record<string, unknown>,
): { statements: PlacedStatement[]; invalid: string[]; unknowns: string[] } {
  const found = {
    statements: [] as PlacedStatement[],
    invalid: [] as string[],
    unknowns: shaped(type, props).unknowns,
  };
  for (const document of identityDocumentsOf(type, props)) {
    const place = placeOf(document);
    const { statements, invalid } = statementsOfResource([document.document]);
    found.statements.push(...statements.map((statement) => ({ statement, place })));
    found.invalid.push(...invalid.map((reason) => `${place}${reason}`));
  }
  return found;
}
