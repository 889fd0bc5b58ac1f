import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgePlainValues } from "../lib/judgePlainValues";
import { looksLikeSecretName } from "../lib/secretNames";
import { isReferenceValue } from "../lib/secretShapes";

/** No plain environment variable is named like a secret, unless its value is only a reference. */
export const ecsContainerEnvSecretNames: ResourceValidationPolicy = {
  name: "ecs-container-env-secret-names",
  description:
    "Plain environment variables named like secrets (DB_PASSWORD, DB_PWD, API_KEY, SECRET_KEY, " +
    "GITHUB_TOKEN…) must move to `secrets` — in containers of ECS task definitions and Batch jobs, " +
    "state machine RunTask overrides and Lambda functions. Names that only describe a secret " +
    "(DB_SECRET_ID, SECRET_ARN, TOKEN_TTL_SECONDS, PASSWORD_MIN_LENGTH) pass, and so does a value " +
    "that is an ARN or a URL without credentials. (Security Hub ECS.8)",
  enforcementLevel: "mandatory",
  configSchema: {
    properties: {
      secretNamePattern: {
        type: "string",
        description:
          "A regular expression (case-insensitive) that replaces the built-in reading of names.",
      },
    },
  },
  validateResource: judgePlainValues((args) => {
    const { secretNamePattern } = args.getConfig<{ secretNamePattern?: string }>();
    const pattern = secretNamePattern ? new RegExp(secretNamePattern, "i") : undefined;
    const isSecretName = (name: string) =>
      pattern ? pattern.test(name) : looksLikeSecretName(name);
    return ({ kind, holder, name, value, fix }) =>
      kind === "environment" && isSecretName(name) && value !== "" && !isReferenceValue(value)
        ? `${holder} has ${name} in plain environment; ${fix}.`
        : undefined;
  }),
};
