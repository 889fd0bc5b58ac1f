import { PolicyResource } from "@pulumi/policy";

/**
 * The stack resource of `type` that `reference` names, through any of `keys`. Stack rules see
 * the engine's state: inputs plus outputs such as `id` and `arn`, so a service's `cluster` (an
 * ARN) finds the cluster by its `arn` output. `undefined` when the resource is not in the stack.
 */
export function findReferenced(
  resources: PolicyResource[],
  type: string,
  reference: unknown,
  keys: string[] = ["arn", "id", "name"],
): PolicyResource | undefined {
  if (typeof reference !== "string" || reference === "") {
    return undefined;
  }
  return resources.find(
    (resource) => resource.type === type && keys.some((key) => resource.props[key] === reference),
  );
}

export function ofType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
  return resources.filter((resource) => types.includes(resource.type));
}

/** A short name for messages: the resource's logical name and type. */
export function describe(resource: PolicyResource): string {
  return `${resource.name} (${resource.type.split(":").pop()})`;
}
