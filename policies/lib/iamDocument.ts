import {
  ActionStatement,
  loadPolicy,
  NotActionStatement,
  NotPrincipalStatement,
  NotResourceStatement,
  PrincipalStatement,
  ResourceStatement,
  validateIdentityPolicy,
  validateTrustPolicy,
} from "@cloud-copilot/iam-policy";
import { actionMatches } from "./iamReference";

type RawElement = "Action" | "NotAction" | "Resource" | "NotResource";

/** A statement element's entries: a single string is a list of one. */
function listOf(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

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
 * Parses an IAM policy given as JSON text or as an object, in every shape IAM accepts (single
 * values or lists, Principal `*` or by type, NotAction/NotResource/NotPrincipal), with
 * `@cloud-copilot/iam-policy`, which also validates it. Returns `unknown` when the value is not
 * known yet (a preview), so rules can report that instead of crashing. Parsed once per text.
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

function parse(text: string, kind: DocumentKind): ParsedDocument {
  let document: unknown;
  try {
    document = JSON.parse(text);
  } catch {
    return { kind: "invalid", reason: "the policy is not valid JSON" };
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    return { kind: "invalid", reason: "the policy is not a JSON object" };
  }
  const errors = (kind === "trust" ? validateTrustPolicy : validateIdentityPolicy)(document);
  if (errors.length > 0) {
    return {
      kind: "invalid",
      reason: errors.map((error) => `${error.path}: ${error.message}`).join("; "),
    };
  }
  return {
    kind: "parsed",
    statements: loadPolicy(document)
      .statements()
      .map((parsed) => {
        // One statement implements every shape; the is…Statement() checks say which it has.
        const statement = parsed as ActionStatement &
          NotActionStatement &
          ResourceStatement &
          NotResourceStatement &
          PrincipalStatement &
          NotPrincipalStatement;
        const conditions = statement.conditions().map((condition) => ({
          operator: condition.operation().value(),
          key: condition.conditionKey(),
          values: condition.conditionValues(),
        }));
        // Action/NotAction and Resource/NotResource as written (the document passed validation:
        // a string or a list of strings, one of the two forms at most).
        const raw = statement.toJSON() as Partial<Record<RawElement, string | string[]>>;
        const either = <T>(
          positive: boolean,
          list: () => T[],
          negative: boolean,
          notList: () => T[],
        ) => (positive ? list() : negative ? notList() : []);
        return {
          sid: statement.sid(),
          path: statement.path(),
          effect: statement.isDeny() ? "Deny" : "Allow",
          actions: listOf(raw.Action ?? raw.NotAction),
          notActions: statement.isNotActionStatement(),
          resources: listOf(raw.Resource ?? raw.NotResource),
          notResources: statement.isNotResourceStatement(),
          conditionKeys: conditions.map((condition) => condition.key),
          conditions,
          condition: statement.conditionMap() ?? {},
          principals: either(
            statement.isPrincipalStatement(),
            () => statement.principals(),
            statement.isNotPrincipalStatement(),
            () => statement.notPrincipals(),
          ).map((principal) => ({ type: principal.type(), value: principal.value() })),
          notPrincipals: statement.isNotPrincipalStatement(),
        } satisfies NormalizedStatement;
      }),
  };
}

/** Every statement of the policies a resource carries itself, and why any cannot be read. */
export function statementsOfResource(documents: unknown[]): {
  statements: NormalizedStatement[];
  invalid: string[];
} {
  const found = { statements: [] as NormalizedStatement[], invalid: [] as string[] };
  for (const document of documents) {
    const parsed = parsePolicyDocument(document);
    if (parsed.kind === "parsed") {
      found.statements.push(...parsed.statements);
    } else if (parsed.kind === "invalid") {
      found.invalid.push(parsed.reason);
    }
  }
  return found;
}

/** The statement's name in messages: its Sid, or its place in the document. */
export function statementName(statement: NormalizedStatement): string {
  return statement.sid ?? statement.path;
}

/** True when an Allow statement (without NotAction) names `action`, wildcards included. */
export function statementAllows(statement: NormalizedStatement, action: string): boolean {
  return (
    statement.effect === "Allow" &&
    !statement.notActions &&
    statement.actions.some((candidate) => actionMatches(action, candidate))
  );
}
