import { StackValidationPolicy } from "@pulumi/policy";
import { judgeEachOfType } from "../lib/judgeEach";
import { execConfigurationOf } from "../lib/execConfiguration";
import { TYPES } from "../lib/resourceTypes";
import { findReferenced } from "../lib/stackLookup";

/** A service with ECS Exec on runs in a cluster that says how exec sessions are encrypted and logged. */
export const ecsExecClusterConfigured: StackValidationPolicy = {
  name: "ecs-exec-cluster-configured",
  description:
    "An ECS service with enableExecuteCommand must run in a cluster with an executeCommandConfiguration: " +
    "without one, sessions use logging DEFAULT with no KMS key, and the cluster rules on exec " +
    "encryption and logging have nothing to check. (Checkov CKV_AWS_223/224)",
  enforcementLevel: "advisory",
  validateStack: judgeEachOfType(TYPES.service, (args, reportViolation) => (service) => {
    if (service.props.enableExecuteCommand !== true) {
      return;
    }
    const cluster = findReferenced(args.resources, TYPES.cluster, service.props.cluster);
    if (cluster && !execConfigurationOf(cluster.props)) {
      reportViolation(
        `ECS Exec is on, but cluster ${cluster.name} has no configuration.executeCommandConfiguration; ` +
          "select ecsExec in fargate-access:strategies (it sets one) or add it with a KMS key and logging.",
        service.urn,
      );
    }
  }),
};
