import { Policies } from "@pulumi/policy";
import { auditLogRetention } from "./rules/auditLogRetention";
import { ecsContainerEnvSecretNames } from "./rules/ecsContainerEnvSecretNames";
import { ecsContainerEnvSecretValues } from "./rules/ecsContainerEnvSecretValues";
import { ecsContainerInsights } from "./rules/ecsContainerInsights";
import { ecsContainerNoAddedCapabilities } from "./rules/ecsContainerNoAddedCapabilities";
import { ecsContainerNotPrivileged } from "./rules/ecsContainerNotPrivileged";
import { ecsExecChannelPermissions } from "./rules/ecsExecChannelPermissions";
import { ecsExecCloudwatchEncryptionConsistent } from "./rules/ecsExecCloudwatchEncryptionConsistent";
import { ecsExecClusterConfigured } from "./rules/ecsExecClusterConfigured";
import { ecsExecKmsKeyEnabled } from "./rules/ecsExecKmsKeyEnabled";
import { ecsExecKmsKeyRotation } from "./rules/ecsExecKmsKeyRotation";
import { ecsExecLogDestinationEncrypted } from "./rules/ecsExecLogDestinationEncrypted";
import { ecsExecLogGroupEncrypted } from "./rules/ecsExecLogGroupEncrypted";
import { ecsExecDefaultLoggingRecorded } from "./rules/ecsExecDefaultLoggingRecorded";
import { ecsExecLoggingEnabled } from "./rules/ecsExecLoggingEnabled";
import { ecsExecSessionEncrypted } from "./rules/ecsExecSessionEncrypted";
import { ecsExecutionRoleSeparate } from "./rules/ecsExecutionRoleSeparate";
import { ecsExecWritableRootFilesystem } from "./rules/ecsExecWritableRootFilesystem";
import { ecsInitProcessEnabled } from "./rules/ecsInitProcessEnabled";
import { ecsNoPublicIp } from "./rules/ecsNoPublicIp";
import { ecsPrivateSubnets } from "./rules/ecsPrivateSubnets";
import { ecsTaskNoHostEscapes } from "./rules/ecsTaskNoHostEscapes";
import { ecsSubnetsOutsideStack } from "./rules/ecsSubnetsOutsideStack";
import { ecsTaskNoHostNetwork } from "./rules/ecsTaskNoHostNetwork";
import { iamKnownActions } from "./rules/iamKnownActions";
import { iamLeastPrivilege } from "./rules/iamLeastPrivilege";
import { iamNoBroadManagedPolicies } from "./rules/iamNoBroadManagedPolicies";
import { iamNoPrivilegeEscalation } from "./rules/iamNoPrivilegeEscalation";
import { iamPassRoleScoped } from "./rules/iamPassRoleScoped";
import { iamTaskRoleManagedPolicies } from "./rules/iamTaskRoleManagedPolicies";
import { iamTaskRoleTrust } from "./rules/iamTaskRoleTrust";
import { iamTrustNoWildcardPrincipal } from "./rules/iamTrustNoWildcardPrincipal";
import { iamTrustScoped } from "./rules/iamTrustScoped";
import { lambdaNotPublic } from "./rules/lambdaNotPublic";
import { resourcePolicyNotPublic } from "./rules/resourcePolicyNotPublic";
import { lambdaDeadLetterQueue } from "./rules/lambdaDeadLetterQueue";
import { lambdaSupportedRuntime } from "./rules/lambdaSupportedRuntime";
import { logGroupRetention } from "./rules/logGroupRetention";
import { securityGroupNoWorldIngress } from "./rules/securityGroupNoWorldIngress";
import { securityGroupWorldIngressUnattached } from "./rules/securityGroupWorldIngressUnattached";
import { serviceLogGroupsExpire } from "./rules/serviceLogGroupsExpire";
import { ssmActivationPassRole } from "./rules/ssmActivationPassRole";
import { ssmAdvancedTier } from "./rules/ssmAdvancedTier";
import { stateMachineCommandAllowList } from "./rules/stateMachineCommandAllowList";
import { stateMachineLogging } from "./rules/stateMachineLogging";
import { stateMachineRunTaskNetworkFixed } from "./rules/stateMachineRunTaskNetworkFixed";
import { stateMachineRunTaskNoPublicIp } from "./rules/stateMachineRunTaskNoPublicIp";
import { stateMachineRunTaskTimeout } from "./rules/stateMachineRunTaskTimeout";
import { stateMachineTracing } from "./rules/stateMachineTracing";

/** Every rule of the pack; importing this starts no server (only index.ts does). */
export const ALL_POLICIES: Policies = [
  iamLeastPrivilege,
  iamNoPrivilegeEscalation,
  iamKnownActions,
  iamPassRoleScoped,
  iamNoBroadManagedPolicies,
  iamTaskRoleManagedPolicies,
  iamTaskRoleTrust,
  iamTrustNoWildcardPrincipal,
  iamTrustScoped,
  ecsInitProcessEnabled,
  ecsNoPublicIp,
  stateMachineRunTaskNoPublicIp,
  stateMachineRunTaskNetworkFixed,
  ecsPrivateSubnets,
  ecsSubnetsOutsideStack,
  securityGroupNoWorldIngress,
  securityGroupWorldIngressUnattached,
  ecsExecutionRoleSeparate,
  ecsContainerNotPrivileged,
  ecsContainerNoAddedCapabilities,
  ecsTaskNoHostNetwork,
  ecsTaskNoHostEscapes,
  ecsContainerEnvSecretNames,
  ecsContainerEnvSecretValues,
  ecsContainerInsights,
  ecsExecSessionEncrypted,
  ecsExecLoggingEnabled,
  ecsExecDefaultLoggingRecorded,
  ecsExecLogDestinationEncrypted,
  ecsExecClusterConfigured,
  ecsExecWritableRootFilesystem,
  ecsExecLogGroupEncrypted,
  ecsExecCloudwatchEncryptionConsistent,
  ecsExecKmsKeyRotation,
  ecsExecKmsKeyEnabled,
  ecsExecChannelPermissions,
  stateMachineLogging,
  stateMachineTracing,
  stateMachineRunTaskTimeout,
  stateMachineCommandAllowList,
  logGroupRetention,
  auditLogRetention,
  serviceLogGroupsExpire,
  lambdaSupportedRuntime,
  lambdaDeadLetterQueue,
  lambdaNotPublic,
  resourcePolicyNotPublic,
  ssmActivationPassRole,
  ssmAdvancedTier,
];

/**
 * What a rule protects, the areas of the pack (README "Policy pack"): who may do what
 * (`least-privilege`), an init process as PID 1 that reaps what exec sessions start
 * (`init-process`), tasks that the internet cannot reach (`private-networking`), and the guardrails
 * around them: container isolation, secrets, exec encryption and logging, retention, Lambda and
 * Step Functions hygiene (`beyond`). An organisation's pack selects rules by it (library.ts).
 */
export const RULE_AREAS = [
  "least-privilege",
  "init-process",
  "private-networking",
  "beyond",
] as const;
export type RuleArea = (typeof RULE_AREAS)[number];

/** The area of every rule of {@link ALL_POLICIES}, by rule name (library.ts refuses a gap). */
export const AREA_OF_RULE: Readonly<Record<string, RuleArea>> = {
  "iam-least-privilege": "least-privilege",
  "iam-no-privilege-escalation": "least-privilege",
  "iam-known-actions": "least-privilege",
  "iam-passrole-scoped": "least-privilege",
  "iam-no-broad-managed-policies": "least-privilege",
  "iam-task-role-managed-policies": "least-privilege",
  "iam-task-role-trust": "least-privilege",
  "iam-trust-no-wildcard-principal": "least-privilege",
  "iam-trust-scoped": "least-privilege",
  "ssm-activation-passrole-scoped": "least-privilege",
  "ecs-execution-role-separate": "least-privilege",
  "lambda-not-public": "least-privilege",
  "resource-policy-not-public": "least-privilege",
  "ecs-init-process-enabled": "init-process",
  "ecs-no-public-ip": "private-networking",
  "state-machine-run-task-no-public-ip": "private-networking",
  "state-machine-run-task-network-fixed": "private-networking",
  "ecs-private-subnets": "private-networking",
  "ecs-subnets-outside-stack": "private-networking",
  "security-group-no-world-ingress": "private-networking",
  "security-group-world-ingress-unattached": "private-networking",
  "ecs-container-not-privileged": "beyond",
  "ecs-container-no-added-capabilities": "beyond",
  "ecs-task-no-host-network": "beyond",
  "ecs-task-no-host-escapes": "beyond",
  "ecs-container-env-secret-names": "beyond",
  "ecs-container-env-secret-values": "beyond",
  "ecs-container-insights": "beyond",
  "ecs-exec-channel-permissions": "beyond",
  "ecs-exec-session-encrypted": "beyond",
  "ecs-exec-logging-enabled": "beyond",
  "ecs-exec-default-logging-recorded": "beyond",
  "ecs-exec-log-destination-encrypted": "beyond",
  "ecs-exec-cluster-configured": "beyond",
  "ecs-exec-writable-root-filesystem": "beyond",
  "ecs-exec-log-group-encrypted": "beyond",
  "ecs-exec-cloudwatch-encryption-consistent": "beyond",
  "ecs-exec-kms-key-rotation": "beyond",
  "ecs-exec-kms-key-enabled": "beyond",
  "state-machine-logging": "beyond",
  "state-machine-tracing": "beyond",
  "state-machine-run-task-timeout": "beyond",
  "state-machine-command-allow-list": "beyond",
  "log-group-retention": "beyond",
  "audit-log-retention": "beyond",
  "service-log-groups-expire": "beyond",
  "lambda-supported-runtime": "beyond",
  "lambda-dead-letter-queue": "beyond",
  "ssm-advanced-tier-for-hybrid-activation": "beyond",
};
