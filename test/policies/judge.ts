import { PolicyResource, ResourceValidationPolicy, StackValidationPolicy } from "@pulumi/policy";
import { isUnknownValue } from "../../policies/lib/unknowns";

// The server's own proxy: reading a preview's unknown value throws UnknownValueError.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { unknownCheckingProxy } = require("@pulumi/policy/proxy") as {
  unknownCheckingProxy<T>(value: T): T;
};

export type AnyPolicy = ResourceValidationPolicy | StackValidationPolicy;

export interface FixtureResource {
  type: string;
  name?: string;
  /** The stack in the resource's URN (default `test`). */
  stack?: string;
  props: Record<string, unknown>;
  /**
   * The engine's `propertyDependencies`: for an input, the names of the fixture resources its
   * value came from (stack rules only).
   */
  dependsOn?: Record<string, string[]>;
}

/** What a rule made of some resources: its violations, and what it could not judge (advisory). */
export interface Judgement {
  violations: string[];
  undecided?: string;
}

const urnOf = (resource: FixtureResource, index: number) =>
  `urn:pulumi:${resource.stack ?? "test"}::fargate-access::${resource.type}::${resource.name ?? `r${index}`}`;

/**
 * Runs one rule as the policy server does (@pulumi/policy server.js): properties behind the
 * unknown-checking proxy, config from the rule's settings, an UnknownValueError turned into the
 * advisory "cannot judge" message. Resource rules get the first resource; stack rules all.
 */
export async function judge(
  policy: AnyPolicy,
  resources: FixtureResource[],
  config: Record<string, unknown> = {},
): Promise<Judgement> {
  const violations: string[] = [];
  const report = (message: string) => violations.push(message);
  try {
    if ("validateStack" in policy) {
      const policyResources = resources.map(
        (resource, index) =>
          ({
            type: resource.type,
            name: resource.name ?? `r${index}`,
            urn: urnOf(resource, index),
            props: unknownCheckingProxy(structuredClone(resource.props)),
          }) as unknown as PolicyResource,
      );
      resources.forEach((resource, index) => {
        const byName = (name: string) => policyResources.find((r) => r.name === name);
        (policyResources[index] as { propertyDependencies: unknown }).propertyDependencies =
          Object.fromEntries(
            Object.entries(resource.dependsOn ?? {}).map(([key, names]) => [
              key,
              names.map((name) => {
                const found = byName(name);
                if (!found) throw new Error(`fixture dependsOn names no resource: ${name}`);
                return found;
              }),
            ]),
          );
      });
      await policy.validateStack(
        { resources: policyResources, getConfig: () => config } as never,
        report,
      );
    } else {
      const [resource] = resources;
      const validations = Array.isArray(policy.validateResource)
        ? policy.validateResource
        : [policy.validateResource];
      for (const validate of validations) {
        await (validate as (args: unknown, report: (message: string) => void) => unknown)(
          {
            type: resource.type,
            props: unknownCheckingProxy(structuredClone(resource.props)),
            urn: urnOf(resource, 0),
            name: resource.name ?? "r0",
            opts: {},
            isType: () => false,
            asType: () => undefined,
            getConfig: () => config,
            notApplicable: () => undefined,
          },
          report,
        );
      }
    }
  } catch (error) {
    if (!isUnknownValue(error)) {
      throw error;
    }
    return { violations, undecided: error.message };
  }
  return { violations };
}

/** One Checkov-style case: resources a rule must pass, or fail with exactly these messages. */
export interface Fixture {
  policy: AnyPolicy;
  title: string;
  resources: FixtureResource[];
  config?: Record<string, unknown>;
  /** Every violation expected, in order (a string is compared whole); [] for a passing case. */
  expect: (string | RegExp)[];
  /** The advisory "not judged" message expected during a preview with unknown values. */
  undecided?: RegExp;
}

export const pass = (
  policy: AnyPolicy,
  title: string,
  resources: FixtureResource[],
  extra: Partial<Fixture> = {},
): Fixture => ({ policy, title, resources, expect: [], ...extra });

export const fail = (
  policy: AnyPolicy,
  title: string,
  resources: FixtureResource[],
  expect: (string | RegExp)[],
  extra: Partial<Fixture> = {},
): Fixture => ({ policy, title, resources, expect, ...extra });
