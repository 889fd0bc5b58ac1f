import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";

/** Runs one resource rule on one resource, as the pack's server would; returns the messages. */
export async function violationsOf(
  policy: ResourceValidationPolicy,
  type: string,
  props: Record<string, unknown>,
  config: Record<string, unknown> = {},
): Promise<string[]> {
  const messages: string[] = [];
  const validations = Array.isArray(policy.validateResource)
    ? policy.validateResource
    : [policy.validateResource];
  for (const validate of validations) {
    await (validate as (args: unknown, report: (message: string) => void) => unknown)(
      {
        type,
        props,
        urn: `urn:pulumi:test::fargate-access::${type}::r`,
        name: "r",
        opts: {},
        isType: () => false,
        asType: () => undefined,
        getConfig: () => config,
        notApplicable: () => undefined,
      },
      (message: string) => messages.push(message),
    );
  }
  return messages;
}

/** Runs one stack rule on a list of `{type, props}`; returns the messages. */
export async function stackViolationsOf(
  policy: StackValidationPolicy,
  resources: { type: string; props: Record<string, unknown> }[],
): Promise<string[]> {
  const messages: string[] = [];
  const policyResources = resources.map(
    (resource, index) =>
      ({
        ...resource,
        urn: `urn:pulumi:test::fargate-access::${resource.type}::r${index}`,
        name: `r${index}`,
      }) as unknown as PolicyResource,
  );
  await policy.validateStack(
    { resources: policyResources, getConfig: () => ({}) } as never,
    (message: string) => messages.push(message),
  );
  return messages;
}
