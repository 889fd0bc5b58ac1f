import { InstalledPackage } from "./installedTree";

/** A package let through although its `license` is not allowed, for the reason given. */
export interface LicenceException {
  /** The exact `license` value excepted: a package that changes licence is judged again. */
  license: string | undefined;
  reason: string;
}

export interface LicencePolicy {
  /** SPDX licence ids that may be in a production tree. */
  allowed: readonly string[];
  /** By package name. */
  exceptions: Readonly<Record<string, LicenceException>>;
}

type Token = "(" | ")" | "AND" | "OR" | "WITH" | string;

function tokens(expression: string): Token[] {
  return expression.replace(/[()]/g, " $& ").trim().split(/\s+/);
}

/**
 * Whether an SPDX licence expression lets us use the package under allowed licences only:
 * `A OR B` when either side is allowed (we may choose), `A AND B` when both are, `A WITH
 * exception` when `A` is (an exception only adds permissions), `A+` when `A` is. Precedence
 * WITH, then AND, then OR, parentheses first (SPDX specification, Annex D "SPDX license
 * expressions": https://spdx.github.io/spdx-spec/v3.0.1/annexes/spdx-license-expressions).
 * Licence ids match in any case, operators only in capitals (ibid., v2.3 D.2 "Case sensitivity":
 * https://spdx.github.io/spdx-spec/v2.3/SPDX-license-expressions/; a lower-case `or` makes
 * no expression, so it is refused and a person decides). Anything that is not such an
 * expression (`SEE LICENSE IN …`, `UNLICENSED`, empty) is not allowed.
 */
export function licenceAllowed(
  expression: string | undefined,
  allowed: readonly string[],
): boolean {
  if (!expression || !expression.trim()) return false;
  const words = tokens(expression);
  let at = 0;
  const fail = (): never => {
    throw new SyntaxError(expression);
  };
  const term = (): boolean => {
    const word = words[at++];
    if (word === "(") {
      const inner = or();
      if (words[at++] !== ")") fail();
      return inner;
    }
    if (word === undefined || ["AND", "OR", "WITH", ")"].includes(word)) fail();
    const id = word.replace(/\+$/, "").toLowerCase();
    const ok = allowed.some((candidate) => candidate.toLowerCase() === id);
    if (words[at] === "WITH") {
      at += 1;
      const exception = words[at++];
      if (exception === undefined || ["AND", "OR", "WITH", "(", ")"].includes(exception)) fail();
    }
    return ok;
  };
  const and = (): boolean => {
    let ok = term();
    while (words[at] === "AND") {
      at += 1;
      ok = term() && ok;
    }
    return ok;
  };
  const or = (): boolean => {
    let ok = and();
    while (words[at] === "OR") {
      at += 1;
      ok = and() || ok;
    }
    return ok;
  };
  try {
    const ok = or();
    return at === words.length && ok;
  } catch (error) {
    if (error instanceof SyntaxError) return false;
    throw error;
  }
}

/** `name@version: licence (via a > b)` for each package whose licence the policy refuses. */
export function licenceOffenders(packages: InstalledPackage[], policy: LicencePolicy): string[] {
  return packages
    .filter((found) => !licenceAllowed(found.license, policy.allowed))
    .filter((found) => {
      const exception = policy.exceptions[found.name];
      return !exception || exception.license !== found.license;
    })
    .map(
      (found) =>
        `${found.name}@${found.version}: ${found.license ?? "no license field"} ` +
        `(via ${found.via.join(" > ")})`,
    )
    .sort();
}

/** The exceptions that no package of the trees uses any more (delete them). */
export function unusedExceptions(packages: InstalledPackage[], policy: LicencePolicy): string[] {
  return Object.entries(policy.exceptions)
    .filter(
      ([name, exception]) =>
        !packages.some(
          (found) =>
            found.name === name &&
            found.license === exception.license &&
            !licenceAllowed(found.license, policy.allowed),
        ),
    )
    .map(([name]) => name);
}
