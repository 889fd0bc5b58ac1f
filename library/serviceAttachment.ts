import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { ArnBuilder, AwsContext } from "../components/awsContext";
import { WorkloadContribution, mergeContributions } from "../components/contribution";
import { policyDocument } from "../components/iam";
import type { AccessTarget } from "../strategies/accessStrategy";
import { patchContainerDefinitions } from "./containerPatch";
import { ExistingService, existingServiceTarget, roleNameOfArn } from "./existingService";
import { LibraryInputError } from "./libraryInputError";
import { ServiceRequirements, serviceRequirements } from "./serviceRequirements";

/** What attaching to an existing service gives besides the strategies' own outputs. */
export interface ServiceAttachment {
  /** The target the strategies attach to. */
  target: AccessTarget;
  requirements: pulumi.Output<ServiceRequirements>;
  /** The team's container definitions, patched; only when they passed them. */
  containerDefinitions?: pulumi.Output<string>;
}

/**
 * Attaches contributions to an existing service: the task-role inline policies (attached to
 * the role when the team passed it and did not opt out, else only returned), the requirements,
 * and the patched container definitions. `component` names the caller in errors.
 */
export function attachToService(
  parent: pulumi.Resource,
  component: string,
  service: ExistingService,
  context: AwsContext,
  contributions: WorkloadContribution[],
): ServiceAttachment {
  const merged = mergeContributions(contributions);
  const target = existingServiceTarget(service, context, merged.oneOffEnvironment);
  const arns = new ArnBuilder(context);
  const facts = {
    containerLogGroupArn: arns.logGroup(service.containerLogGroupName ?? ""),
  };
  const statements = merged.taskRolePolicies.flatMap((policy) => policy.statements(facts));
  const taskRolePolicy = statements.length > 0 ? policyDocument(statements) : undefined;
  const taskRoleArn = service.taskRoleArn;
  const attach =
    taskRolePolicy !== undefined &&
    taskRoleArn !== undefined &&
    service.attachTaskRolePolicy !== false;
  if (attach) {
    const roleName = pulumi.output(taskRoleArn).apply(roleNameOfArn);
    // One inline policy per strategy, under the logical name the project's own workload uses.
    for (const policy of merged.taskRolePolicies) {
      new aws.iam.RolePolicy(
        policy.name,
        { role: roleName, policy: policyDocument(policy.statements(facts)) },
        { parent },
      );
    }
  }
  const requirements = serviceRequirements(merged, taskRolePolicy, attach);
  const containerDefinitions =
    service.containerDefinitions === undefined
      ? undefined
      : pulumi
          .all([service.containerDefinitions, pulumi.output(merged.environment)])
          .apply(([json, environment]) => {
            const patched = patchContainerDefinitions(json, {
              containerName: service.containerName,
              entryPoint: merged.entryPoint,
              environment,
            });
            if ("problem" in patched) {
              throw new LibraryInputError(component, [
                `${component}Args.service.containerDefinitions: ${patched.problem}`,
              ]);
            }
            return patched.containerDefinitions;
          });
  return { target, requirements, containerDefinitions };
}

/** A component that can attach to an existing service (each strategy, and the umbrella). */
export interface AttachableComponent extends pulumi.Resource {
  requirements?: pulumi.Output<ServiceRequirements>;
  containerDefinitions?: pulumi.Output<string>;
  attach(target: AccessTarget): unknown;
}

/** Attaches `component` to the team's service at once, when they passed one. */
export function attachWhenGiven(
  component: AttachableComponent,
  componentName: string,
  service: ExistingService | undefined,
  context: AwsContext,
  contributions: WorkloadContribution[],
): void {
  if (!service) return;
  const attached = attachToService(component, componentName, service, context, contributions);
  component.requirements = attached.requirements;
  component.containerDefinitions = attached.containerDefinitions;
  component.attach(attached.target);
}
