import { Policies } from "@pulumi/policy";
import { ecsContainerHardening } from "./rules/ecsContainerHardening";
import { ecsContainerInsights } from "./rules/ecsContainerInsights";
import { ecsExecChannelPermissions } from "./rules/ecsExecChannelPermissions";
import { ecsExecLoggingEncrypted } from "./rules/ecsExecLoggingEncrypted";
import { ecsExecutionRoleSeparate } from "./rules/ecsExecutionRoleSeparate";
import { ecsInitProcessEnabled } from "./rules/ecsInitProcessEnabled";
import { ecsNoPublicIp } from "./rules/ecsNoPublicIp";
import { ecsPrivateSubnets } from "./rules/ecsPrivateSubnets";
import { iamKnownActions } from "./rules/iamKnownActions";
import { iamLeastPrivilege } from "./rules/iamLeastPrivilege";
import { iamNoBroadManagedPolicies } from "./rules/iamNoBroadManagedPolicies";
import { iamPassRoleScoped } from "./rules/iamPassRoleScoped";
import { iamTaskRoleManagedPolicies } from "./rules/iamTaskRoleManagedPolicies";
import { iamTaskRoleTrust } from "./rules/iamTaskRoleTrust";
import { iamTrustNoWildcardPrincipal } from "./rules/iamTrustNoWildcardPrincipal";
import { lambdaRuntimeAndDlq } from "./rules/lambdaRuntimeAndDlq";
import { logGroupRetention } from "./rules/logGroupRetention";
import { ssmActivationPassRole } from "./rules/ssmActivationPassRole";
import { ssmAdvancedTier } from "./rules/ssmAdvancedTier";
import { stateMachineObservability } from "./rules/stateMachineObservability";

/** Every rule of the pack; importing this starts no server (only index.ts does). */
export const ALL_POLICIES: Policies = [
  iamLeastPrivilege,
  iamKnownActions,
  iamPassRoleScoped,
  iamNoBroadManagedPolicies,
  iamTaskRoleManagedPolicies,
  iamTaskRoleTrust,
  iamTrustNoWildcardPrincipal,
  ecsInitProcessEnabled,
  ecsNoPublicIp,
  ecsPrivateSubnets,
  ecsExecutionRoleSeparate,
  ecsContainerHardening,
  ecsContainerInsights,
  ecsExecLoggingEncrypted,
  ecsExecChannelPermissions,
  stateMachineObservability,
  logGroupRetention,
  lambdaRuntimeAndDlq,
  ssmActivationPassRole,
  ssmAdvancedTier,
];
