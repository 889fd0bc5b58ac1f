import { patternCoversResourceType } from "../iam/arnPatterns";

/**
 * Whether a resource pattern names resources or reaches every resource of a type. `*` does, and
 * so do `arn:aws:s3:::*`, `arn:aws:secretsmanager:*:*:secret:*` and `arn:aws:iam::1234:role/*`:
 * the part of the ARN that identifies the resource (its first variable in the reference's ARN
 * template, after the resource-type prefix) is nothing but wildcards. So do patterns that IAM's
 * wildcards stretch over a whole type though they read as named (`…:secret*`,
 * `arn:aws:dynamodb:*`, `arn:aws*:s3:::*`: policies/iam/arnPatterns.ts).
 */

const WILDCARDS_ONLY = /^[*?]*$/;
// Without a matching template: an optional resource-type prefix, then wildcards only.
const TYPE_THEN_WILDCARDS = /^(?:[\w.-]+[:/])?[*?]+$/;

interface TemplateParts {
  service: string;
  /** Literal text and `${Var}` tokens of the resource part, alternating: literal first. */
  tokens: string[];
}

const parsedTemplates = new Map<string, TemplateParts>();

function templateParts(template: string): TemplateParts {
  let parts = parsedTemplates.get(template);
  if (!parts) {
    const fields = template.split(":");
    parts = {
      service: fields[2] ?? "",
      tokens: fields
        .slice(5)
        .join(":")
        .split(/(\$\{[^}]+\})/),
    };
    parsedTemplates.set(template, parts);
  }
  return parts;
}

/**
 * The pattern's value for the template's first variable, or `undefined` when the pattern does
 * not follow the template (another resource type).
 */
function firstVariable(resource: string, tokens: string[]): string | undefined {
  const prefix = tokens[0] ?? "";
  if (!resource.toLowerCase().startsWith(prefix.toLowerCase()) || tokens.length < 2) {
    return undefined;
  }
  const rest = resource.slice(prefix.length);
  const nextLiteral = tokens[2];
  if (!nextLiteral) {
    return rest;
  }
  const end = rest.indexOf(nextLiteral);
  return end < 0 ? rest : rest.slice(0, end);
}

/** True when the pattern reaches every resource of a type, judged against `templates`. */
export function isUnscopedResource(pattern: string, templates: string[]): boolean {
  if (
    WILDCARDS_ONLY.test(pattern) ||
    templates.some((template) => patternCoversResourceType(pattern, template))
  ) {
    return true;
  }
  const fields = pattern.split(":");
  if (fields[0] !== "arn" || fields.length < 6) {
    return false;
  }
  const resource = fields.slice(5).join(":");
  const service = fields[2];
  let followed = false;
  for (const template of templates) {
    const parts = templateParts(template);
    if (parts.service !== service && !WILDCARDS_ONLY.test(service)) {
      continue;
    }
    const value = firstVariable(resource, parts.tokens);
    if (value === undefined) {
      continue;
    }
    followed = true;
    if (WILDCARDS_ONLY.test(value)) {
      return true;
    }
  }
  return !followed && TYPE_THEN_WILDCARDS.test(resource);
}
