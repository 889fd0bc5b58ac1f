import { IAM_PRINCIPAL_ARN, IAM_PRINCIPAL_DESCRIPTION } from "../../config/patterns";
import { SectionValue, field } from "../../config/schema";
import { OPERATOR_IDENTITY_FIELDS } from "../operatorIdentity";
import { allowedCommandsField } from "./allowedCommands";
import type { ServiceKeys } from "../../library/existingService";

/** The logical name of the component in the project's program (part of every URN below it). */
export const STEP_FUNCTIONS_RESOURCE_NAME = "step-functions";

/** `fargate-access:stepFunctions`. */
export const STEP_FUNCTIONS_FIELDS = {
  timeoutSeconds: field.integer(60, 86400, 3600, { doc: "the run-task's timeout" }),
  includeExecutionData: field.boolean(true, {
    doc: "log the commands that ran; `false` where inputs may hold secrets",
  }),
  operatorPrincipals: field.stringList(IAM_PRINCIPAL_ARN, IAM_PRINCIPAL_DESCRIPTION, {
    doc: "who may assume the operator role; empty → no role",
  }),
  ...OPERATOR_IDENTITY_FIELDS,
  allowedCommands: allowedCommandsField,
};

export type StepFunctionsConfig = SectionValue<typeof STEP_FUNCTIONS_FIELDS>;

/**
 * The keys of an existing service a one-off run needs: where it runs (cluster, subnets, security
 * group), as what (family, container, the two roles it passes) and where it logs.
 */
export function stepFunctionsServiceKeys(): ServiceKeys {
  return {
    keys: [
      "clusterName",
      "containerName",
      "taskDefinitionFamily",
      "taskRoleArn",
      "executionRoleArn",
      "containerLogGroupName",
      "subnetIds",
      "securityGroupId",
    ],
    why: "Step Functions, to run one-off tasks,",
  };
}
