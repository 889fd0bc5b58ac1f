import { looksLikeSecretName } from "./secretNames";

/**
 * What a secret looks like in a plain value (an environment value, a command argument, a label).
 * Shapes come from the documented formats: AWS access key ids (IAM user guide, "Manage access
 * keys": AKIA… long-term, ASIA… temporary) and secret access keys (40 characters of base64, the
 * guide's example `wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`), PEM private keys (RFC 7468),
 * credentials in a URL's userinfo (RFC 3986 §3.2.1; JDBC URLs put a sub-scheme first,
 * `jdbc:mysql://user:password@host/db`, MySQL Connector/J "Connection URL Syntax") or as a
 * `password=` property (JDBC/ADO.NET connection strings), tokens in a query string (OAuth 2.0
 * bearer tokens may travel as `access_token=`, RFC 6750 §2.3), incoming-webhook URLs whose path
 * is the credential (Slack "Sending messages using incoming webhooks": "keep it secret";
 * Discord "Execute Webhook" /webhooks/{id}/{token}; Microsoft Teams incoming webhooks on
 * webhook.office.com), GitHub tokens (GitHub docs "About authentication": ghp_/gho_/ghu_/ghs_/ghr_,
 * github_pat_), Slack tokens (xox…), Stripe live secret keys (sk_live_), Google API keys
 * (AIza…), and JWTs (RFC 7519).
 */
const SHAPES: [string, RegExp][] = [
  ["an AWS access key id", /\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/],
  [
    "an AWS secret access key",
    /(?:^|[^A-Za-z0-9/+=])(?!\/)(?=[A-Za-z0-9/+]*[a-z])(?=[A-Za-z0-9/+]*[A-Z])(?=[A-Za-z0-9/+]*[0-9/+])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/,
  ],
  ["a private key", /-----BEGIN ([A-Z0-9]+ )*PRIVATE KEY-----/],
  [
    "a password inside a URL",
    /\b[a-z][a-z0-9+.-]*:(?:[a-z][a-z0-9+.-]*:)?\/\/[^/\s:@]*:(?!\$\{)[^/\s@]+@/i,
  ],
  ["a password in a connection string", /(?:^|[;?&\s])(?:password|passwd|pwd)\s*=\s*(?![$;&\s])/i],
  [
    "a token in a query string",
    /[?&](?:access_token|id_token|refresh_token|token|api_key|apikey|key|secret|client_secret|sig|signature|password)=(?!\$)[^&#\s]{8,}/i,
  ],
  [
    "a webhook URL",
    /https:\/\/(?:hooks\.slack\.com\/(?:services|workflows|triggers)\/[\w/-]{8,}|(?:[\w-]+\.)?discord(?:app)?\.com\/api\/webhooks\/\d+\/[\w-]+|[\w-]+\.webhook\.office\.com\/webhookb2\/\S+|outlook\.office(?:365)?\.com\/webhook\/\S+)/i,
  ],
  ["a GitHub token", /\b(gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})\b/],
  ["a Slack token", /\bxox[abposr]-[A-Za-z0-9-]{10,}/],
  ["a Stripe secret key", /\b[sr]k_live_[A-Za-z0-9]{16,}/],
  ["a Google API key", /\bAIza[0-9A-Za-z_-]{35}\b/],
  ["a JSON Web Token", /\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/],
];

/**
 * `NAME=value` inside a value: a shell line (`export DB_PASSWORD=…`), a JVM property
 * (`-Dspring.datasource.password=…`). A value taken from a variable (`$X`, `"${X}"`) is no secret.
 */
const ASSIGNMENT =
  /(?:^|[\s;&|]|-D)(?:export\s+)?([A-Za-z_][\w.-]*)=(?![$\s;&|]|["']\$)([^\s;&|]+)/g;

/** The kind of secret a value looks like; `undefined` when it looks like none. */
export function secretShapeOf(value: string, extraPatterns: string[] = []): string | undefined {
  for (const [kind, shape] of SHAPES) {
    if (shape.test(value)) {
      return kind;
    }
  }
  for (const [, name, assigned] of value.matchAll(ASSIGNMENT)) {
    if (looksLikeSecretName(name) && !isReferenceValue(assigned)) {
      return `an assignment to ${name}`;
    }
  }
  const extra = extraPatterns.find((pattern) => new RegExp(pattern).test(value));
  return extra === undefined ? undefined : `a match of ${extra}`;
}

/** `--password hunter2`: a flag named like a secret, then its value as the next argument. */
const SECRET_FLAG = /^--?[\w.-]+$/;

/** Indexes of arguments that are the value of a preceding secret-named flag. */
export function secretFlagValues(args: string[]): number[] {
  return args.flatMap((arg, index) => {
    const next = args[index + 1];
    return SECRET_FLAG.test(arg) &&
      looksLikeSecretName(arg.replace(/^-+/, "")) &&
      next !== undefined &&
      !next.startsWith("-") &&
      !next.startsWith("$") &&
      !isReferenceValue(next)
      ? [index + 1]
      : [];
  });
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
