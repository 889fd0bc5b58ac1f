import * as pulumi from "@pulumi/pulumi";
import { validateFlatConfig } from "./read";
import { ValidatedConfig } from "./validate";

/**
 * Reads every config key of the current stack and validates the `fargate-access:*` ones (and
 * keys that look meant for them). Apart from config/read.ts, which stays free of @pulumi/pulumi
 * for the scripts that do not run the program.
 */
export function readStackConfig(): ValidatedConfig {
  // The AWS provider may take the region from AWS_REGION; the program checks that value itself.
  return validateFlatConfig(pulumi.runtime.allConfig(), {
    regionRequired: false,
    stack: pulumi.getStack(),
  });
}
