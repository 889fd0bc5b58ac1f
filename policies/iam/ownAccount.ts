import { PolicyConfigJSONSchema } from "@pulumi/policy/schema";
import { isUnknownValue } from "../lib/unknowns";

/**
 * The account a resource belongs to, from its ARN (`arn:PARTITION:SERVICE:REGION:ACCOUNT:…`,
 * "Amazon Resource Names (ARNs)"; an IAM ARN has no region), once known: during a preview the
 * ARN is not, and the cross-account checks wait for it.
 */
export function ownAccount(props: Record<string, unknown>): string | undefined {
  try {
    const account = typeof props.arn === "string" ? props.arn.split(":")[4] : undefined;
    return account !== undefined && /^\d{12}$/.test(account) ? account : undefined;
  } catch (error) {
    if (isUnknownValue(error)) return undefined;
    throw error;
  }
}

/** The `trustedAccounts` setting of the rules that judge cross-account principals. */
export function trustedAccountsSchema(description: string): PolicyConfigJSONSchema {
  return {
    type: "array",
    items: { type: "string", pattern: "^\\d{12}$" },
    default: [],
    description,
  };
}
