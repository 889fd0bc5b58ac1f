import { ResourceValidationPolicy } from "@pulumi/policy";
import { judgePlainValues } from "../lib/judgePlainValues";
import { stringListSetting } from "../lib/ruleSettings";
import { secretFlagValues, secretShapeOf } from "../lib/secretShapes";
import { PlainValue } from "../model/plainValues";

/** Where a value sits, for messages (never the value itself). */
function place({ kind, name }: PlainValue): string {
  if (kind === "environment") return `the value of ${name}`;
  if (kind === "label") return `the docker label ${name}`;
  return name;
}

/** The argument index of `command[3]`. */
const argumentIndex = (name: string) => Number(/\[(\d+)\]$/.exec(name)?.[1]);

/** No plain value looks like a credential, whatever holds it and whatever it is called. */
export const ecsContainerEnvSecretValues: ResourceValidationPolicy = {
  name: "ecs-container-env-secret-values",
  description:
    "Plain values must not look like credentials — an AWS access key id or secret key, a private " +
    "key, a password in a URL (JDBC included) or connection string, a token in a query string, a " +
    "Slack/Teams/Discord webhook URL, `--password x`, `export DB_PASSWORD=x` — in container " +
    "environment, command, entryPoint and dockerLabels, RunTask overrides and Lambda environment: " +
    "anyone who may describe the resource reads them. Pass them through `secrets` (Secrets Manager / " +
    "SSM Parameter Store). Messages name the place, never the value. (Security Hub ECS.8, cdk-nag ECS2)",
  enforcementLevel: "mandatory",
  configSchema: stringListSetting(
    "extraValuePatterns",
    [],
    "More regular expressions a secret value matches.",
  ),
  validateResource: judgePlainValues((args) => {
    const { extraValuePatterns } = args.getConfig<{ extraValuePatterns?: string[] }>();
    return (value) => {
      const flagged =
        value.kind === "argument" &&
        secretFlagValues(value.siblings ?? []).includes(argumentIndex(value.name));
      const kind = flagged
        ? `the value of the secret-named flag ${value.siblings?.[argumentIndex(value.name) - 1]}`
        : secretShapeOf(value.value, extraValuePatterns);
      return kind
        ? `${value.holder}: ${place(value)} looks like ${kind}; ${value.fix}.`
        : undefined;
    };
  }),
};
