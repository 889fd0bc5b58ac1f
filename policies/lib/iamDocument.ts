import { NormalizedStatement, parsePolicyDocument } from "../iam/policyDocument";
import { actionMatches } from "./iamReference";

// The parser and its types live in policies/iam/ (the pack's own IAM semantics); re-exported
// here so the rules keep one import for documents and the helpers below.
export type {
  ConditionEntry,
  DocumentKind,
  NormalizedStatement,
  ParsedDocument,
  PrincipalEntry,
} from "../iam/policyDocument";
export { parsePolicyDocument };

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
