import * as fs from "fs";
import { show } from "../../config/fieldReader";
import { partitionOf } from "../../config/awsRegions";
import { IAM_PRINCIPAL_ARN, IAM_PRINCIPAL_DESCRIPTION, KMS_KEY_ARN } from "../../config/patterns";
import { SectionValue, field, mapField } from "../../config/schema";
import { OPERATOR_IDENTITY_FIELDS } from "../operatorIdentity";
import { EXEC_LOGGING_OPTIONS } from "../../config/types";
import { PROJECT_ROOT } from "../../lib/projectRoot";
import type { ConfigCheckContext, ConfigFindings } from "../configCheck";
import type { ServiceKey, ServiceKeys } from "../../library/existingService";
import { ImageSource, readBuildSource, transcriptToolWarning } from "./transcriptTool";

const KMS_KEY_HINT = "create, none, or a KMS key ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)";

/** The logical name of the component in the project's program (part of every URN below it). */
export const ECS_EXEC_RESOURCE_NAME = "ecs-exec";

/** `fargate-access:ecsExec`. */
export const ECS_EXEC_FIELDS = {
  logging: field.oneOf(EXEC_LOGGING_OPTIONS, "override", {
    doc: "`override`: sessions are logged to the stack's own encrypted log group",
  }),
  kmsKey: mapField(
    field.string(
      (value) => value === "create" || value === "none" || KMS_KEY_ARN.test(value),
      KMS_KEY_HINT,
      "create",
      {
        // ExecuteCommandConfiguration.kmsKeyId: "encrypt the data between the local client and
        // the container" (client-ecs model), independent of the logging setting.
        doc: "encrypts the session channel itself, so it applies with `logging: none` too; an existing key must be in the stack's region and partition",
      },
    ),
    (value): "create" | "none" | { arn: string } =>
      value === "create" || value === "none" ? value : { arn: value },
  ),
  operatorPrincipals: field.stringList(IAM_PRINCIPAL_ARN, IAM_PRINCIPAL_DESCRIPTION, {
    doc: "who may assume the operator role; empty → no role",
  }),
  ...OPERATOR_IDENTITY_FIELDS,
};

export type EcsExecConfig = SectionValue<typeof ECS_EXEC_FIELDS>;

/**
 * The interface endpoints the tasks need: the agent opens its channels through ssmmessages and
 * fetches a data key for encrypted sessions from KMS.
 */
export function ecsExecEndpointServices(config: EcsExecConfig): string[] {
  return config.kmsKey === "none" ? ["ssmmessages"] : ["kms", "ssmmessages"];
}

/** The keys of an existing service ECS Exec needs: `default` logging writes to the container's group. */
export function ecsExecServiceKeys(config: EcsExecConfig): ServiceKeys {
  const keys: ServiceKey[] = ["clusterName", "serviceName", "containerName"];
  return {
    keys: config.logging === "default" ? [...keys, "containerLogGroupName"] : keys,
    why: `ECS Exec with logging: ${config.logging}`,
  };
}

/** The section as a component's settings take it (the key ARN as a string). */
export function ecsExecSettings(config: EcsExecConfig): Record<string, unknown> {
  return {
    ...config,
    kmsKey: typeof config.kmsKey === "object" ? config.kmsKey.arn : config.kmsKey,
  };
}

/**
 * A KMS key is created in one region of one partition (CreateKey: "a unique customer managed
 * KMS key in your AWS account and Region"); a key usable elsewhere is a multi-Region replica,
 * which has its own ARN in that region (AWS KMS Developer Guide, "Multi-Region keys in AWS KMS",
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html).
 */
export function checkEcsExecConfig(
  config: EcsExecConfig,
  { region, shared }: ConfigCheckContext,
): ConfigFindings {
  const problems: string[] = [];
  const warnings: string[] = [];
  if (config.logging !== "none") {
    const warning = transcriptToolWarning(imageSourceOf(shared.service) ?? NO_SOURCE);
    if (warning) warnings.push(warning);
  }
  if (region && typeof config.kmsKey === "object") {
    const arn = config.kmsKey.arn;
    const [, partition, , keyRegion] = arn.split(":");
    const expected = partitionOf(region);
    if (partition !== expected || keyRegion !== region) {
      problems.push(
        `fargate-access:ecsExec.kmsKey: ${show(arn)} is a key of ${partition}/${keyRegion}, but the stack deploys to ${expected}/${region}; a KMS key is used in its own region. Use a key (or a multi-Region replica) of ${region}: arn:${expected}:kms:${region}:ACCOUNT:key/ID, or kmsKey: create.`,
      );
    }
  }
  return { problems, warnings };
}

const NO_SOURCE: ImageSource = { kind: "image", image: "" };

/** The image as configured, or the Dockerfile (and its copied files) that builds it. */
function imageSourceOf(service: ConfigCheckContext["shared"]["service"]): ImageSource | undefined {
  if (service.image) return { kind: "image", image: service.image };
  if (!service.build) return undefined;
  return readBuildSource(service.build, PROJECT_ROOT, (file) => {
    try {
      return fs.readFileSync(file, "utf8");
    } catch {
      return undefined;
    }
  });
}
