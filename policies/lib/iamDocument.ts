/** One IAM statement with Action/Resource always as lists. */
export interface NormalizedStatement {
  sid?: string;
  effect: "Allow" | "Deny";
  actions: string[];
  notActions: boolean;
  resources: string[];
  notResources: boolean;
  conditionKeys: string[];
  condition: Record<string, Record<string, unknown>>;
}

export type ParsedDocument =
  | { kind: "parsed"; statements: NormalizedStatement[] }
  | { kind: "unknown" }
  | { kind: "invalid"; reason: string };

function asList(value: unknown): string[] {
  if (value === undefined) {
    return [];
  }
  return (Array.isArray(value) ? value : [value]).map(String);
}

/**
 * Parses an IAM policy given as JSON text or as an object. Returns `unknown` when the value is
 * not known yet (a preview), so rules can report that instead of crashing.
 */
export function parsePolicyDocument(value: unknown): ParsedDocument {
  if (value === undefined || value === null) {
    return { kind: "unknown" };
  }
  let document: unknown = value;
  if (typeof value === "string") {
    try {
      document = JSON.parse(value);
    } catch {
      return { kind: "invalid", reason: "the policy is not valid JSON" };
    }
  }
  if (typeof document !== "object" || document === null) {
    return { kind: "invalid", reason: "the policy is not a JSON object" };
  }
  const raw = (document as { Statement?: unknown }).Statement;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  return {
    kind: "parsed",
    statements: list.map((item: Record<string, unknown>) => {
      const condition = (item.Condition ?? {}) as Record<string, Record<string, unknown>>;
      return {
        sid: typeof item.Sid === "string" ? item.Sid : undefined,
        effect: item.Effect === "Deny" ? "Deny" : "Allow",
        actions: asList(item.Action ?? item.NotAction),
        notActions: item.NotAction !== undefined,
        resources: asList(item.Resource ?? item.NotResource),
        notResources: item.NotResource !== undefined,
        conditionKeys: Object.values(condition).flatMap((byKey) => Object.keys(byKey ?? {})),
        condition,
      };
    }),
  };
}

/** `ec2:Describe*` → a case-insensitive pattern for the actions it covers. */
function actionPattern(action: string): RegExp {
  const escaped = action.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*");
  return new RegExp(`^${escaped}$`, "i");
}

/** True when an Allow statement (without NotAction) names `action`, wildcards included. */
export function statementAllows(statement: NormalizedStatement, action: string): boolean {
  return (
    statement.effect === "Allow" &&
    !statement.notActions &&
    statement.actions.some((candidate) => actionPattern(candidate).test(action))
  );
}
