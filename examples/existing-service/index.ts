// The orders team already runs its worker as a Fargate service in its own VPC, from another
// program. This program adds ad-hoc access to it — ECS Exec into the running container, and a
// Step Functions state machine that runs a one-off task with a command — and creates nothing of
// the service itself: no VPC, cluster, service or task definition.
import * as pulumi from "@pulumi/pulumi";
import { ExistingService, FargateAccess } from "fargate-access";

const config = new pulumi.Config();

// Names and ARNs of what the team has (Pulumi.staging.yaml). The component checks the keys
// the two strategies need and names every missing one before it creates anything.
const service = config.requireObject<ExistingService>("service");
const containerDefinitions = config.getObject<unknown[]>("containerDefinitions");
const operatorPrincipals = config.requireObject<string[]>("operatorPrincipals");

const access = new FargateAccess("orders", {
  strategies: ["ecsExec", "stepFunctions"],
  ecsExec: { operatorPrincipals },
  stepFunctions: { operatorPrincipals, allowedCommands: config.getObject("allowedCommands") },
  // Operator roles then require MFA, and the component's log groups keep logs for a year.
  productionLike: config.getBoolean("productionLike"),
  logRetentionDays: 365,
  service: {
    ...service,
    containerDefinitions: containerDefinitions && JSON.stringify(containerDefinitions),
  },
});

// One strategy alone takes the same settings and `service`, and has typed outputs:
//   const exec = new EcsExecAccess("exec", { operatorPrincipals, service });
//   export const ecsExecCommand = exec.command;

// FargateAccess sets its outputs while it attaches, which it does at once when given `service`.
const outputs = access.accessOutputs!;
export const ecsExecCommand = outputs.ecsExecCommand;
export const ecsExecOperatorRoleArn = outputs.ecsExecOperatorRoleArn;
export const stepFunctionsStartCommand = outputs.stepFunctionsStartCommand;
export const stepFunctionsOperatorRoleArn = outputs.stepFunctionsOperatorRoleArn;
export const stepFunctionsStateMachineArn = outputs.stepFunctionsStateMachineArn;

// What the team must then change in the program that owns the service, once, before operators
// can get in (the task-role policy is already attached to taskRoleArn by this stack):
// - the service: `enableExecuteCommand: true`, then roll it: ECS Exec cannot be turned on for
//   tasks already running (Amazon ECS Developer Guide, "Using Amazon ECS Exec", considerations);
// - the container: `linuxParameters.initProcessEnabled: true` (the policy pack requires it);
//   `patchedContainerDefinitions` is their definitions with that applied, to register as is;
// - the cluster: `configuration.executeCommandConfiguration` as in
//   `requirements.executeCommandConfiguration` (this stack's session key and log group);
// - without a NAT route, interface endpoints for `requirements.vpcEndpointServices`.
export const requirements = access.requirements;
export const patchedContainerDefinitions = access.containerDefinitions;
