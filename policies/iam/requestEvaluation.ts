/**
 * A small evaluator of one concrete request against IAM policy documents: is this action on this
 * resource, with this request context, allowed, explicitly denied or implicitly denied? It
 * follows the IAM User Guide, and each rule below names its page:
 * - "Policy evaluation logic": an explicit deny in any policy wins; else an allow in any policy;
 *   else the request is implicitly denied. A role's trust policy must itself allow the caller:
 *   when it names the caller (user, role) that is enough in the same account; when it names the
 *   account, the caller's identity policies must allow `sts:AssumeRole` too.
 * - "IAM JSON policy elements: Action / NotAction / Resource / NotResource": actions match
 *   case-insensitively with `*` and `?`; a Resource matches case-sensitively, `*` and `?` within
 *   a colon-delimited segment, and a `*` that ends a segment beyond the colon (`arnPatterns.ts`).
 * - "Condition operators", ARN operators: ArnLike / ArnEquals match each of the six
 *   colon-delimited parts on its own (the last one taking the rest).
 * - "IAM JSON policy elements: Condition operators": a missing key makes a condition false,
 *   except for negated operators (true) and `…IfExists` (true); `Null` tests presence.
 * - "Creating a condition with multiple keys or values": operators and keys are ANDed, the values
 *   of one key ORed (negated operators: ANDed); `ForAnyValue:` / `ForAllValues:` compare a
 *   multivalued key's set (an empty or missing set: `ForAllValues` true, `ForAnyValue` false).
 * - "Single-valued vs. multivalued context keys": a single-valued key is one value; a
 *   multivalued key is a list, and only the set operators read it as a set.
 * - "IAM policy elements: Variables and tags": `${key}` in a Resource or a string/ARN condition
 *   value is the request's value of that single-valued key; a missing key fails the match;
 *   `${*}`, `${?}` and `${$}` are the literal characters.
 * Pure: no I/O (it imports only the pure ARN matcher), so the program's tests and the policy
 * pack can both use it.
 */

import { arnPatternMatches, LITERAL_MARK } from "./arnPatterns";

/** A policy document as IAM reads it (JSON already parsed). */
export interface PolicyDocument {
  Version?: string;
  Statement: PolicyStatementJson | PolicyStatementJson[];
}

type OneOrMany<T> = T | T[];

export interface PolicyStatementJson {
  Sid?: string;
  Effect: "Allow" | "Deny";
  Action?: OneOrMany<string>;
  NotAction?: OneOrMany<string>;
  Resource?: OneOrMany<string>;
  NotResource?: OneOrMany<string>;
  /** Trust and other resource policies only: `"*"` or `{ AWS: ARN | account | "*" }`. */
  Principal?: "*" | { AWS?: OneOrMany<string>; Service?: OneOrMany<string> };
  Condition?: Record<string, Record<string, OneOrMany<string | boolean | number>>>;
}

/** A context key's value: one value (single-valued key) or a list (multivalued key). */
export type ContextValue = string | boolean | number | (string | boolean | number)[];

/** One request: the action, the resource it acts on, and its request context. */
export interface IamRequest {
  action: string;
  resource: string;
  /** Condition keys present in the request (case-insensitive names, as IAM treats them). */
  context: Record<string, ContextValue>;
}

export type Decision = "allowed" | "explicitDeny" | "implicitDeny";

export interface Evaluation {
  decision: Decision;
  /** `Sid`s (or statement indexes) of the statements that decided it, for messages. */
  statements: string[];
}

/** Identity policies only (what the caller may do in their own account). */
export function evaluateIdentityPolicies(
  policies: readonly PolicyDocument[],
  request: IamRequest,
): Evaluation {
  const matches = policies.flatMap((policy) => matchingStatements(policy, request));
  const denies = matches.filter((m) => m.statement.Effect === "Deny");
  if (denies.length > 0) return { decision: "explicitDeny", statements: denies.map((m) => m.id) };
  const allows = matches.filter((m) => m.statement.Effect === "Allow");
  if (allows.length > 0) return { decision: "allowed", statements: allows.map((m) => m.id) };
  return { decision: "implicitDeny", statements: [] };
}

/** Who calls `sts:AssumeRole`, as a role's trust policy sees them. */
export interface Caller {
  /**
   * `aws:PrincipalArn`: the IAM user's ARN, or for a role session the role's ARN (with its path,
   * e.g. `arn:aws:iam::111122223333:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_Ops_1`).
   */
  principalArn: string;
  /** The caller's identity policies (needed when the trust names only the account). */
  identityPolicies?: readonly PolicyDocument[];
}

/**
 * `sts:AssumeRole` (or `sts:SetSourceIdentity`, `sts:TagSession`) on a role: its trust policy
 * must allow the caller, and nothing may deny it ("Policy evaluation logic", role trust policies).
 * `request.context` should hold `aws:PrincipalArn` and the keys of the caller's session.
 */
export function evaluateRoleTrust(
  trustPolicy: PolicyDocument,
  caller: Caller,
  request: IamRequest,
): Evaluation {
  const context = { "aws:PrincipalArn": caller.principalArn, ...request.context };
  const full = { ...request, context };
  const trust = matchingStatements(trustPolicy, full).filter((m) =>
    principalMatches(m.statement.Principal, caller.principalArn),
  );
  const identity = evaluateIdentityPolicies(caller.identityPolicies ?? [], full);
  const denies = [
    ...trust.filter((m) => m.statement.Effect === "Deny").map((m) => m.id),
    ...(identity.decision === "explicitDeny" ? identity.statements : []),
  ];
  if (denies.length > 0) return { decision: "explicitDeny", statements: denies };
  const allows = trust.filter((m) => m.statement.Effect === "Allow");
  const named = allows.filter((m) => namesCaller(m.statement.Principal, caller.principalArn));
  if (named.length > 0) return { decision: "allowed", statements: named.map((m) => m.id) };
  if (allows.length > 0 && identity.decision === "allowed") {
    return {
      decision: "allowed",
      statements: [...allows.map((m) => m.id), ...identity.statements],
    };
  }
  return { decision: "implicitDeny", statements: [] };
}

interface Match {
  statement: PolicyStatementJson;
  id: string;
}

function matchingStatements(policy: PolicyDocument, request: IamRequest): Match[] {
  const statements = list(policy.Statement);
  const context = lowerCaseKeys(request.context);
  return statements.flatMap((statement, index) =>
    statementApplies(statement, request, context)
      ? [{ statement, id: statement.Sid ?? `#${index}` }]
      : [],
  );
}

function statementApplies(
  statement: PolicyStatementJson,
  request: IamRequest,
  context: Map<string, ContextValue>,
): boolean {
  const actionHit =
    statement.Action !== undefined
      ? list(statement.Action).some((pattern) => actionMatches(pattern, request.action))
      : statement.NotAction !== undefined &&
        !list(statement.NotAction).some((pattern) => actionMatches(pattern, request.action));
  if (!actionHit) return false;
  const resourceHit = (pattern: string) => {
    const resolved = substituteVariables(pattern, context, true);
    return resolved !== undefined && arnPatternMatches(resolved, request.resource);
  };
  // A trust policy has no Resource: it is the role's own policy.
  const noResourceElement = statement.Resource === undefined && statement.NotResource === undefined;
  const resourceOk =
    noResourceElement ||
    (statement.Resource !== undefined
      ? list(statement.Resource).some(resourceHit)
      : !list(statement.NotResource ?? []).some(resourceHit));
  if (!resourceOk) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, keys]) =>
    Object.entries(keys).every(([key, values]) =>
      conditionHolds(operator, context.get(key.toLowerCase()), list(values).map(String), context),
    ),
  );
}

/** `Principal` matches a caller: `*`, their ARN, or their account (root ARN or account id). */
function principalMatches(principal: PolicyStatementJson["Principal"], arn: string): boolean {
  if (principal === undefined) return false;
  if (principal === "*") return true;
  const account = arn.split(":")[4];
  return list(principal.AWS ?? []).some(
    (entry) =>
      entry === "*" ||
      entry === arn ||
      entry === account ||
      entry === `arn:${arn.split(":")[1]}:iam::${account}:root`,
  );
}

/** The trust names this very caller (not only their account): enough on its own. */
function namesCaller(principal: PolicyStatementJson["Principal"], arn: string): boolean {
  return principal !== undefined && principal !== "*" && list(principal.AWS ?? []).includes(arn);
}

/** Actions: case-insensitive, `*` and `?` anywhere. */
export function actionMatches(pattern: string, action: string): boolean {
  return likeMatches(pattern, action, "si");
}

function splitArn(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 6 || parts[0] !== "arn") return undefined;
  return [...parts.slice(0, 5), parts.slice(5).join(":")];
}

const SPECIAL_VARIABLES: Record<string, string> = { "*": "*", "?": "?", $: "$" };

/**
 * `${key}` replaced by the request's value of a single-valued key; undefined when one is missing
 * or multivalued (the value then matches nothing). With `escape`, a substituted value's own `*`
 * and `?` are literal in the glob (IAM substitutes values, not patterns).
 */
function substituteVariables(
  text: string,
  context: Map<string, ContextValue>,
  escape: boolean,
): string | undefined {
  let missing = false;
  const result = text.replace(/\$\{([^}]+)\}/g, (_all, name: string) => {
    if (name in SPECIAL_VARIABLES)
      return escape ? `${LITERAL_MARK}${name}` : SPECIAL_VARIABLES[name];
    const value = context.get(name.trim().toLowerCase());
    if (value === undefined || Array.isArray(value)) {
      missing = true;
      return "";
    }
    return escape ? String(value).replace(/[*?]/g, (ch) => `${LITERAL_MARK}${ch}`) : String(value);
  });
  return missing ? undefined : result;
}

type Comparison = (policyValue: string, requestValue: string) => boolean;

/** A glob where `\uE000*` / `\uE000?` are literal characters (substituted values). */
function likeMatches(pattern: string, value: string, flags: string): boolean {
  const body = pattern
    .split(/(\uE000[*?]|\*|\?)/)
    .map((part) =>
      part === "*"
        ? ".*"
        : part === "?"
          ? "."
          : part.replace(/\uE000/g, "").replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${body}$`, flags).test(value);
}

const number = (text: string) => (text.trim() === "" ? NaN : Number(text));
const date = (text: string) =>
  /^\d+$/.test(text) ? Number(text) * 1000 : new Date(text).getTime();

/**
 * How policy values read variables: `like` (substituted values are literal inside the glob),
 * `plain` (substituted as text), `none` (numbers, dates, booleans: no variables).
 */
type Variables = "like" | "plain" | "none";

/** The base operators (no `IfExists`, no set qualifier): [comparison, negated, variables]. */
const OPERATORS: Record<string, [Comparison, boolean, Variables]> = {
  stringequals: [(p, v) => p === v, false, "plain"],
  stringnotequals: [(p, v) => p === v, true, "plain"],
  stringequalsignorecase: [(p, v) => p.toLowerCase() === v.toLowerCase(), false, "plain"],
  stringnotequalsignorecase: [(p, v) => p.toLowerCase() === v.toLowerCase(), true, "plain"],
  stringlike: [(p, v) => likeMatches(p, v, "s"), false, "like"],
  stringnotlike: [(p, v) => likeMatches(p, v, "s"), true, "like"],
  arnequals: [(p, v) => arnLike(p, v), false, "like"],
  arnlike: [(p, v) => arnLike(p, v), false, "like"],
  arnnotequals: [(p, v) => arnLike(p, v), true, "like"],
  arnnotlike: [(p, v) => arnLike(p, v), true, "like"],
  numericequals: [(p, v) => number(v) === number(p), false, "none"],
  numericnotequals: [(p, v) => number(v) === number(p), true, "none"],
  numericlessthan: [(p, v) => number(v) < number(p), false, "none"],
  numericlessthanequals: [(p, v) => number(v) <= number(p), false, "none"],
  numericgreaterthan: [(p, v) => number(v) > number(p), false, "none"],
  numericgreaterthanequals: [(p, v) => number(v) >= number(p), false, "none"],
  dateequals: [(p, v) => date(v) === date(p), false, "none"],
  datenotequals: [(p, v) => date(v) === date(p), true, "none"],
  datelessthan: [(p, v) => date(v) < date(p), false, "none"],
  datelessthanequals: [(p, v) => date(v) <= date(p), false, "none"],
  dategreaterthan: [(p, v) => date(v) > date(p), false, "none"],
  dategreaterthanequals: [(p, v) => date(v) >= date(p), false, "none"],
  bool: [(p, v) => p.toLowerCase() === v.toLowerCase(), false, "none"],
};

function arnLike(pattern: string, value: string): boolean {
  const want = splitArn(pattern);
  const have = splitArn(value);
  if (!want || !have) return likeMatches(pattern, value, "s");
  return want.every((part, index) => likeMatches(part, have[index], "s"));
}

/** Thrown for an operator this evaluator does not know (rather than guessing an answer). */
export class UnsupportedConditionError extends Error {}

function conditionHolds(
  operatorName: string,
  requestValue: ContextValue | undefined,
  policyValues: string[],
  context: Map<string, ContextValue>,
): boolean {
  const qualified = /^(ForAnyValue|ForAllValues):(.+)$/i.exec(operatorName);
  const setOperator = qualified?.[1].toLowerCase();
  let base = (qualified?.[2] ?? operatorName).toLowerCase();
  const ifExists = base.endsWith("ifexists");
  if (ifExists) base = base.slice(0, -"ifexists".length);
  if (base === "null") {
    // Null: "true" holds when the key is absent, "false" when it is present.
    const absent = requestValue === undefined;
    return policyValues.some((value) => (value.toLowerCase() === "true") === absent);
  }
  const operator = OPERATORS[base];
  if (!operator) throw new UnsupportedConditionError(`condition operator ${operatorName}`);
  const [compare, negated, variables] = operator;
  const resolved = policyValues.flatMap((value) => {
    const text =
      variables === "none" ? value : substituteVariables(value, context, variables === "like");
    return text === undefined ? [] : [text];
  });
  const matchesOne = (value: string) => resolved.some((policyValue) => compare(policyValue, value));
  if (setOperator) {
    const values = requestValue === undefined ? [] : list(requestValue).map(String);
    // ForAllValues: every request value matches (vacuously true for none); ForAnyValue: one does.
    const test = (value: string) => (negated ? !matchesOne(value) : matchesOne(value));
    return setOperator === "forallvalues" ? values.every(test) : values.some(test);
  }
  if (requestValue === undefined) return ifExists || negated;
  const values = list(requestValue).map(String);
  // One key's policy values are ORed; for a negated operator none may match (an AND).
  const anyMatch = values.some(matchesOne);
  return negated ? !anyMatch : anyMatch;
}

function list<T>(value: OneOrMany<T>): T[] {
  return Array.isArray(value) ? value : [value];
}

function lowerCaseKeys(context: Record<string, ContextValue>): Map<string, ContextValue> {
  return new Map(Object.entries(context).map(([key, value]) => [key.toLowerCase(), value]));
}
