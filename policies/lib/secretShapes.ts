/**
 * What a secret looks like in a plain environment value. Shapes come from the documented formats:
 * AWS access key ids (IAM user guide, "Manage access keys": AKIA… long-term, ASIA… temporary),
 * PEM private keys (RFC 7468), credentials in a URL's userinfo (RFC 3986 §3.2.1), GitHub tokens
 * (GitHub docs "About authentication": ghp_/gho_/ghu_/ghs_/ghr_, github_pat_), Slack tokens (xox…),
 * Stripe live secret keys (sk_live_), Google API keys (AIza…), and JWTs (RFC 7519).
 */
const SHAPES: [string, RegExp][] = [
  ["an AWS access key id", /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/],
  ["a private key", /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/],
  ["a password inside a URL", /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]*:[^/\s@]+@/i],
  ["a GitHub token", /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/],
  ["a Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ["a Stripe secret key", /\b[sr]k_live_[A-Za-z0-9]{16,}/],
  ["a Google API key", /\bAIza[0-9A-Za-z_-]{35}\b/],
  ["a JSON Web Token", /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
];

/** The kind of secret a value looks like; `undefined` when it looks like none. */
export function secretShapeOf(value: string, extraPatterns: string[] = []): string | undefined {
  for (const [kind, shape] of SHAPES) {
    if (shape.test(value)) {
      return kind;
    }
  }
  const extra = extraPatterns.find((pattern) => new RegExp(pattern).test(value));
  return extra === undefined ? undefined : `a match of ${extra}`;
}

/**
 * A value that is a reference, not a secret: an ARN (of a secret, a parameter, a role…) or a URL
 * without credentials. Names such as DB_PASSWORD_ARN then hold nothing worth hiding.
 */
export function isReferenceValue(value: string): boolean {
  if (/^arn:aws[a-z-]*:/.test(value)) {
    return true;
  }
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(value) && secretShapeOf(value) === undefined;
}
