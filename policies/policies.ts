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
