/**
 * Whether a variable name says it holds a secret. A name is read as words (`DB_PWD`, `dbPassword`,
 * `spring.datasource.password` → db · pwd …) and holds a secret when a secret noun appears that no
 * later word turns into a setting *about* the secret: `DB_SECRET_ID`, `SECRET_ARN`,
 * `TOKEN_TTL_SECONDS`, `PASSWORD_MIN_LENGTH` and `PASSWORD_FILE` name an id, a duration, a
 * policy or a path, not the secret itself, while `DB_PASSWORD`, `API_KEY`, `SECRET_KEY`,
 * `PASSWD` and `GITHUB_TOKEN` name it. A count before the noun (`MAX_TOKENS`) is a setting too.
 */

const SECRET_WORDS = new Set([
  "PASSWORD",
  "PASSWORDS",
  "PASSWD",
  "PWD",
  "PASS",
  "PASSPHRASE",
  "SECRET",
  "SECRETS",
  "TOKEN",
  "TOKENS",
  "CREDENTIAL",
  "CREDENTIALS",
  "CREDS",
  "APIKEY",
  "SECRETKEY",
  "PRIVATEKEY",
  "ACCESSKEY",
]);

/** A KEY preceded by one of these is a secret key (API_KEY, SECRET_ACCESS_KEY, SIGNING_KEY). */
const KEY_KINDS = new Set([
  "API",
  "SECRET",
  "PRIVATE",
  "ACCESS",
  "AUTH",
  "SIGNING",
  "ENCRYPTION",
  "MASTER",
  "SESSION",
  "LICENSE",
  "CLIENT",
  "HMAC",
]);

/** Words after the noun that make the name a setting about the secret, not the secret. */
const ABOUT_WORDS = new Set(
  (
    "ID IDS ARN ARNS NAME NAMES TTL SECONDS SECS SEC MINUTES MINS HOURS DAYS MS MILLIS TIMEOUT " +
    "EXPIRY EXPIRES EXPIRATION LIFETIME AGE MIN MAX MINIMUM MAXIMUM LENGTH LEN SIZE COUNT LIMIT " +
    "POLICY RULES URL URI ENDPOINT HOST PORT PATH FILE DIR REGION TYPE KIND VERSION HEADER " +
    "ENABLED DISABLED REQUIRED ENABLE PARAM PARAMETER REF SOURCE STORE PROVIDER FORMAT LOCATION " +
    "ROTATION FIELD PREFIX SUFFIX ALGORITHM"
  ).split(" "),
);

/** Words before the noun that make it a count (`MAX_TOKENS`, `NUM_TOKENS`). */
const COUNT_WORDS = new Set(["MAX", "MIN", "NUM", "NUMBER", "COUNT", "TOTAL"]);

/** The words of a name: split at punctuation and camelCase humps, upper-cased. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter((word) => word !== "")
    .map((word) => word.toUpperCase());
}

export function looksLikeSecretName(name: string): boolean {
  const words = nameWords(name);
  return words.some((word, index) => {
    const noun =
      SECRET_WORDS.has(word) || (word === "KEY" && index > 0 && KEY_KINDS.has(words[index - 1]));
    return (
      noun &&
      !words.slice(index + 1).some((after) => ABOUT_WORDS.has(after)) &&
      !(index > 0 && COUNT_WORDS.has(words[index - 1]))
    );
  });
}
