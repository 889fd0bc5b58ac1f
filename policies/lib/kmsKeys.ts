import { PolicyResource } from "@pulumi/policy";
import { findReferenced } from "./stackLookup";
import { TYPES } from "./resourceTypes";
import { isTrue } from "./providerBooleans";

const ALIAS = "aws:kms/alias:Alias";
const NATIVE_KEY = "aws-native:kms:Key";

/**
 * The stack's KMS key a reference names: a key ARN or id, or an alias name or ARN that targets
 * one (KMS accepts all four as KeyId; AWS KMS developer guide, "Key identifiers (KeyId)").
 */
export function keyReferenced(
  resources: PolicyResource[],
  reference: unknown,
): PolicyResource | undefined {
  const direct = (ref: unknown) =>
    findReferenced(resources, TYPES.kmsKey, ref, ["arn", "id", "keyId"]) ??
    findReferenced(resources, NATIVE_KEY, ref, ["arn", "keyId", "id"]);
  const alias = findReferenced(resources, ALIAS, reference, ["arn", "name", "id"]);
  return direct(reference) ?? (alias ? direct(alias.props.targetKeyId) : undefined);
}

/**
 * Whether a key of the stack is disabled: `isEnabled: false` (aws) or `enabled: false`
 * (aws-native), booleans possibly as strings. A disabled key cannot be used in any cryptographic
 * operation (AWS KMS cryptographic details, "Enabling and disabling keys"). `deletionWindowInDays`
 * is not a schedule: KMS starts the waiting period only when the key is deleted (ScheduleKeyDeletion,
 * "Deleting keys"), which the engine does on `pulumi destroy`.
 */
export function isDisabledKey(key: PolicyResource): boolean {
  const flag = key.type === NATIVE_KEY ? key.props.enabled : key.props.isEnabled;
  return flag !== undefined && !isTrue(flag);
}
