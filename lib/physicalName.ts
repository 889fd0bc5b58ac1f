import { createHash } from "crypto";

/** What AWS accepts as the name of one kind of resource. */
export interface NameRule {
  /** Longest name AWS accepts. */
  maxLength: number;
  /** One character AWS accepts (a single-character class); others become `-`. */
  allowed: RegExp;
  /** AWS accepts lower case only (ECR). */
  lowercase?: boolean;
}

/**
 * Name limits of the resources this program names itself, each from the service's API reference
 * (the `name`/`family` parameter's "Length Constraints" and "Pattern").
 */
export const NAME_RULES = {
  /** RegisterTaskDefinition `family`, CreateCluster `clusterName`, CreateService `serviceName`: up to 255 letters, digits, `-`, `_`. */
  ecs: { maxLength: 255, allowed: /[A-Za-z0-9_-]/ },
  /** CreateLogGroup `logGroupName`: 1-512 of `[\.\-_/#A-Za-z0-9]`. */
  logGroup: { maxLength: 512, allowed: /[A-Za-z0-9._/#-]/ },
  /** Lambda CreateFunction `FunctionName` (a name, not an ARN): up to 64 of `[a-zA-Z0-9-_]`. */
  lambdaFunction: { maxLength: 64, allowed: /[A-Za-z0-9_-]/ },
  /** IAM CreateRole `RoleName`: up to 64 of `[\w+=,.@-]`. */
  iamRole: { maxLength: 64, allowed: /[A-Za-z0-9_+=,.@-]/ },
  /**
   * A role `namePrefix`: the provider appends a 26-character unique suffix, so at most 38
   * (64 − 26) of the role-name characters.
   */
  iamRolePrefix: { maxLength: 37, allowed: /[A-Za-z0-9_+=,.@-]/ },
  /** EventBridge PutRule `Name`: up to 64 of `[\.\-_A-Za-z0-9]`. */
  eventsRule: { maxLength: 64, allowed: /[A-Za-z0-9._-]/ },
  /** Step Functions CreateStateMachine `name`: up to 80; letters, digits, `-`, `_` are safe. */
  stateMachine: { maxLength: 80, allowed: /[A-Za-z0-9_-]/ },
  /**
   * ECR CreatePullThroughCacheRule `ecrRepositoryPrefix`: 2-30 lower-case characters, separators
   * (`.`, `_`, `-`) only between letters or digits; `-` alone keeps that simple.
   */
  ecrRepositoryPrefix: { maxLength: 30, allowed: /[a-z0-9-]/, lowercase: true },
  /** EC2 `Name` tag: up to 256 Unicode characters. */
  nameTag: { maxLength: 256, allowed: /[^\0]/ },
} satisfies Record<string, NameRule>;

const HASH_LENGTH = 8;

/**
 * A physical name from its parts (`[project, stack, role]`) that fits `rule` for any valid
 * Pulumi stack name (letters, digits, `-`, `_`, `.`; Pulumi docs, "Stacks"): characters AWS
 * refuses become `-`, and a name too long is cut and ends with a hash of the whole, so two long
 * stack names sharing a prefix still get different names. Pure and deterministic.
 */
export function physicalName(parts: string[], rule: NameRule): string {
  const full = parts.join("-");
  const cased = rule.lowercase ? full.toLowerCase() : full;
  const cleaned = [...cased]
    .map((char) => (rule.allowed.test(char) ? char : "-"))
    .join("")
    .replace(/-{2,}/g, "-")
    .replace(/^[-._]+|[-._]+$/g, "");
  if (cleaned.length <= rule.maxLength) {
    return cleaned;
  }
  const hash = createHash("sha256").update(full).digest("hex").slice(0, HASH_LENGTH);
  const kept = cleaned.slice(0, rule.maxLength - HASH_LENGTH - 1).replace(/[-._/]+$/, "");
  return `${kept}-${hash}`;
}

/** `<project>-<stack>[-suffix…]` under `rule`: what carries the stack into the AWS console. */
export function stackResourceName(
  project: string,
  stack: string,
  rule: NameRule,
  ...suffix: string[]
): string {
  return physicalName([project, stack, ...suffix], rule);
}

/**
 * `namePrefix` of a role: `<project>-<stack>-<purpose>-`, at most 38 characters. IAM role names
 * are account-wide (all regions), so the provider's unique suffix keeps stacks of the same name
 * in two regions apart.
 */
export function roleNamePrefix(project: string, stack: string, purpose: string): string {
  return `${stackResourceName(project, stack, NAME_RULES.iamRolePrefix, purpose)}-`;
}
