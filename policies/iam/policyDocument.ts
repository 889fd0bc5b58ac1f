/**
 * IAM policy documents read the way IAM reads them, and rejected where IAM rejects them. Sources
 * (IAM User Guide): "IAM JSON policy element reference" (Version, Id, Statement, Sid, Effect,
 * Principal, NotPrincipal, Action, NotAction, Resource, NotResource, Condition) and "Grammar of
 * the IAM JSON policy language":
 * - A statement is one object or a list of them; Action/Resource/Principal values are one
 *   string or a list of strings; `Principal` is `"*"` or an object by type (`AWS`, `Service`,
 *   `Federated`, `CanonicalUser`).
 * - Each statement has an `Effect` of exactly `Allow` or `Deny`, exactly one of Action and
 *   NotAction, and — in an identity policy — exactly one of Resource and NotResource and no
 *   principal; a role's trust policy names a principal (Principal or NotPrincipal) and no
 *   resource (it is the role's own policy).
 * - `Version` is `2012-10-17` or `2008-10-17`; an element IAM does not define is an error.
 * - A condition maps operators (with an optional `ForAnyValue:` / `ForAllValues:` prefix and
 *   `IfExists` suffix) to keys, each with one value or a list (strings, numbers, booleans).
 * Parsed once per text (or per object), as the pack sees the same document on many resources.
 */

/** One condition of a statement: `{"StringEquals": {"ecs:cluster": [...]}}` gives one entry. */
export interface ConditionEntry {
  operator: string;
  key: string;
  values: string[];
}

/** A principal of a trust-policy statement: `AWS`, `Service`, `Federated`, … and its value. */
export interface PrincipalEntry {
  type: string;
  value: string;
}

/** One IAM statement with Action/Resource always as lists. */
export interface NormalizedStatement {
  sid?: string;
  /** Where the statement sits in its document (`Statement[2]`), for messages without a Sid. */
  path: string;
  effect: "Allow" | "Deny";
  actions: string[];
  notActions: boolean;
  resources: string[];
  notResources: boolean;
  conditionKeys: string[];
  conditions: ConditionEntry[];
  condition: Record<string, Record<string, unknown>>;
  principals: PrincipalEntry[];
  notPrincipals: boolean;
}

export type ParsedDocument =
  | { kind: "parsed"; statements: NormalizedStatement[] }
  | { kind: "unknown" }
  | { kind: "invalid"; reason: string };

/** Identity policies (a role's permissions) or trust policies (who may assume it). */
export type DocumentKind = "identity" | "trust";

const cache = new Map<string, ParsedDocument>();
const objectCache = new WeakMap<object, ParsedDocument>();

/**
 * Parses an IAM policy given as JSON text or as an object. Returns `unknown` when the value is
 * not known yet (a preview), so rules can report that instead of crashing, and `invalid` with
 * IAM's reasons when IAM would reject the document.
 */
export function parsePolicyDocument(
  value: unknown,
  kind: DocumentKind = "identity",
): ParsedDocument {
  if (value === undefined || value === null) {
    return { kind: "unknown" };
  }
  if (typeof value === "object" && kind === "identity") {
    let parsed = objectCache.get(value);
    if (!parsed) {
      parsed = parse(JSON.stringify(value), kind);
      objectCache.set(value, parsed);
    }
    return parsed;
  }
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const key = `${kind}\n${text}`;
  let parsed = cache.get(key);
  if (!parsed) {
    parsed = parse(text, kind);
    cache.set(key, parsed);
  }
  return parsed;
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parse(text: string, kind: DocumentKind): ParsedDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { kind: "invalid", reason: "the policy is not valid JSON" };
  }
  if (!isObject(document)) {
    return { kind: "invalid", reason: "the policy is not a JSON object" };
  }
  const statements = statementsWithPaths(document);
  const errors = [
    ...documentErrors(document),
    ...statements.flatMap(([statement, path]) => statementErrors(statement, path, kind)),
  ];
  if (errors.length > 0) {
    return { kind: "invalid", reason: errors.join("; ") };
  }
  return {
    kind: "parsed",
    statements: statements.map(([statement, path]) => normalise(statement as Json, path)),
  };
}

/** The statements and their paths: `Statement` for a single object, `Statement[i]` in a list. */
function statementsWithPaths(document: Json): [unknown, string][] {
  const statement = document.Statement;
  return Array.isArray(statement)
    ? statement.map((entry, index) => [entry, `Statement[${index}]`])
    : statement === undefined
      ? []
      : [[statement, "Statement"]];
}

const POLICY_ELEMENTS = new Set(["Version", "Id", "Statement"]);
const STATEMENT_ELEMENTS = new Set([
  "Sid",
  "Effect",
  "Principal",
  "NotPrincipal",
  "Action",
  "NotAction",
  "Resource",
  "NotResource",
  "Condition",
]);
const VERSIONS = new Set(["2012-10-17", "2008-10-17"]);

function unknownElements(object: Json, known: Set<string>, path: string): string[] {
  return Object.keys(object)
    .filter((key) => !known.has(key))
    .map((key) => `${path}: ${key} is not an element of an IAM policy`);
}

function documentErrors(document: Json): string[] {
  const errors = unknownElements(document, POLICY_ELEMENTS, "Policy");
  if (document.Version !== undefined && !VERSIONS.has(document.Version as string)) {
    errors.push(`Version: Version must be "2012-10-17" or "2008-10-17"`);
  }
  if (document.Id !== undefined && typeof document.Id !== "string") {
    errors.push("Id: Id must be a string");
  }
  const statement = document.Statement;
  if (statement === undefined) {
    errors.push("Statement: Statement is required");
  } else if (!isObject(statement) && !Array.isArray(statement)) {
    errors.push("Statement: Statement must be an object or a list of objects");
  } else if (Array.isArray(statement) && statement.length === 0) {
    errors.push("Statement: Statement must not be empty");
  }
  return errors;
}

const policyKind = (kind: DocumentKind) =>
  kind === "trust" ? "a trust policy statement" : "an identity policy statement";

/** Exactly one of two exclusive elements (`Action` / `NotAction`), or neither when `required` is false. */
function exclusive(
  statement: Json,
  [positive, negative]: [string, string],
  path: string,
  presence: "required" | "prohibited",
  kind: DocumentKind,
): string[] {
  const present = [positive, negative].filter((element) => statement[element] !== undefined);
  if (presence === "prohibited") {
    return present.map((element) => `${path}: ${element} is not allowed in ${policyKind(kind)}`);
  }
  if (present.length === 0) {
    return [`${path}: One of ${positive} or ${negative} is required in ${policyKind(kind)}`];
  }
  if (present.length === 2) {
    return [`${path}: Only one of ${positive} or ${negative} is allowed, found both`];
  }
  return [];
}

/** A string or a non-empty list of strings (IAM: "Policy statement must contain actions"). */
function stringsErrors(value: unknown, path: string): string[] {
  if (typeof value === "string") {
    return [];
  }
  if (!Array.isArray(value)) {
    return [`${path}: must be a string or a list of strings`];
  }
  if (value.length === 0) {
    return [`${path}: must not be empty`];
  }
  return value.flatMap((entry, index) =>
    typeof entry === "string" ? [] : [`${path}[${index}]: must be a string`],
  );
}

function actionErrors(value: unknown, path: string): string[] {
  const errors = stringsErrors(value, path);
  if (errors.length > 0) {
    return errors;
  }
  const actions = typeof value === "string" ? [value] : (value as string[]);
  return actions.flatMap((action, index) =>
    action === "*" || /^[^:\s]+:[^:\s]+$/.test(action)
      ? []
      : [
          `${Array.isArray(value) ? `${path}[${index}]` : path}: ${JSON.stringify(action)} is not * or service:action`,
        ],
  );
}

const PRINCIPAL_TYPES = new Set(["AWS", "Service", "Federated", "CanonicalUser"]);

function principalErrors(value: unknown, path: string): string[] {
  if (value === "*") {
    return [];
  }
  if (!isObject(value)) {
    return [`${path}: must be "*" or an object of principal types`];
  }
  if (Object.keys(value).length === 0) {
    return [`${path}: must name at least one principal`];
  }
  return Object.entries(value).flatMap(([type, entries]) =>
    PRINCIPAL_TYPES.has(type)
      ? stringsErrors(entries, `${path}.${type}`)
      : [`${path}: ${type} is not a principal type (AWS, Service, Federated, CanonicalUser)`],
  );
}

const CONDITION_OPERATORS = new Set(
  [
    "StringEquals",
    "StringNotEquals",
    "StringEqualsIgnoreCase",
    "StringNotEqualsIgnoreCase",
    "StringLike",
    "StringNotLike",
    "NumericEquals",
    "NumericNotEquals",
    "NumericLessThan",
    "NumericLessThanEquals",
    "NumericGreaterThan",
    "NumericGreaterThanEquals",
    "DateEquals",
    "DateNotEquals",
    "DateLessThan",
    "DateLessThanEquals",
    "DateGreaterThan",
    "DateGreaterThanEquals",
    "Bool",
    "BinaryEquals",
    "IpAddress",
    "NotIpAddress",
    "ArnEquals",
    "ArnLike",
    "ArnNotEquals",
    "ArnNotLike",
    "Null",
  ].map((operator) => operator.toLowerCase()),
);

/** IAM's operators, with `ForAnyValue:` / `ForAllValues:` and `IfExists` (not on `Null`). */
function isConditionOperator(operator: string): boolean {
  const base = operator.replace(/^(ForAnyValue|ForAllValues):/i, "").toLowerCase();
  const withoutSuffix = base.endsWith("ifexists") ? base.slice(0, -"ifexists".length) : base;
  return (
    CONDITION_OPERATORS.has(withoutSuffix) && !(withoutSuffix === "null" && base !== withoutSuffix)
  );
}

const isConditionValue = (value: unknown) =>
  typeof value === "string" || typeof value === "number" || typeof value === "boolean";

function conditionErrors(value: unknown, path: string): string[] {
  if (!isObject(value)) {
    return [`${path}: must be an object of condition operators`];
  }
  return Object.entries(value).flatMap(([operator, keys]) => {
    const at = `${path}.${operator}`;
    if (!isConditionOperator(operator)) {
      return [`${at}: ${operator} is not a condition operator`];
    }
    if (!isObject(keys)) {
      return [`${at}: must be an object of condition keys`];
    }
    return Object.entries(keys).flatMap(([key, values]) =>
      isConditionValue(values) || (Array.isArray(values) && values.every(isConditionValue))
        ? []
        : [`${at}.${key}: must be a string, number or boolean, or a list of them`],
    );
  });
}

function statementErrors(statement: unknown, path: string, kind: DocumentKind): string[] {
  if (!isObject(statement)) {
    return [`${path}: a statement must be an object`];
  }
  const errors = unknownElements(statement, STATEMENT_ELEMENTS, path);
  if (statement.Sid !== undefined && typeof statement.Sid !== "string") {
    errors.push(`${path}.Sid: must be a string`);
  }
  if (statement.Effect !== "Allow" && statement.Effect !== "Deny") {
    errors.push(`${path}.Effect: Effect must be present and exactly "Allow" or "Deny"`);
  }
  errors.push(...exclusive(statement, ["Action", "NotAction"], path, "required", kind));
  const resources = kind === "identity" ? "required" : "prohibited";
  errors.push(...exclusive(statement, ["Resource", "NotResource"], path, resources, kind));
  const principals = kind === "trust" ? "required" : "prohibited";
  errors.push(...exclusive(statement, ["Principal", "NotPrincipal"], path, principals, kind));
  for (const element of ["Action", "NotAction"]) {
    if (statement[element] !== undefined) {
      errors.push(...actionErrors(statement[element], `${path}.${element}`));
    }
  }
  for (const element of ["Resource", "NotResource"]) {
    if (statement[element] !== undefined && kind === "identity") {
      errors.push(...stringsErrors(statement[element], `${path}.${element}`));
    }
  }
  for (const element of ["Principal", "NotPrincipal"]) {
    if (statement[element] !== undefined && kind === "trust") {
      errors.push(...principalErrors(statement[element], `${path}.${element}`));
    }
  }
  if (statement.Condition !== undefined) {
    errors.push(...conditionErrors(statement.Condition, `${path}.Condition`));
  }
  return errors;
}

/** A validated element's entries: a single string is a list of one. */
function listOf(value: unknown): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
}

function principalsOf(value: unknown): PrincipalEntry[] {
  if (value === undefined) {
    return [];
  }
  // `"Principal": "*"` is every principal, which IAM also writes as `{"AWS": "*"}`.
  if (value === "*") {
    return [{ type: "AWS", value: "*" }];
  }
  return Object.entries(value as Json).flatMap(([type, entries]) =>
    listOf(entries).map((entry) => ({ type, value: entry })),
  );
}

function normalise(statement: Json, path: string): NormalizedStatement {
  const condition = (statement.Condition ?? {}) as Record<string, Record<string, unknown>>;
  const conditions = Object.entries(condition).flatMap(([operator, keys]) =>
    Object.entries(keys).map(([key, values]) => ({ operator, key, values: listOf(values) })),
  );
  return {
    ...(typeof statement.Sid === "string" ? { sid: statement.Sid } : {}),
    path,
    effect: statement.Effect as "Allow" | "Deny",
    actions: listOf(statement.Action ?? statement.NotAction),
    notActions: statement.NotAction !== undefined,
    resources: listOf(statement.Resource ?? statement.NotResource),
    notResources: statement.NotResource !== undefined,
    conditionKeys: conditions.map((entry) => entry.key),
    conditions,
    condition,
    principals: principalsOf(statement.Principal ?? statement.NotPrincipal),
    notPrincipals: statement.NotPrincipal !== undefined,
  };
}
