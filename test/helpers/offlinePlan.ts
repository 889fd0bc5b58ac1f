import * as assert from "assert";
import { buildStack } from "../../program";
import { InvokeAnswers } from "../../offline/awsMocks";
import { RecordedResource } from "../../offline/recordingMonitor";
import { OfflineRun, runOffline } from "../../offline/runOffline";
import { toEngineConfig } from "../../offline/stackFiles";

export const TEST_IMAGE =
  "123456789012.dkr.ecr.ap-northeast-1.amazonaws.com/batch@sha256:" + "b".repeat(64);

/** The smallest valid stack config, in `Pulumi.<stack>.yaml` form, with `overrides` merged in. */
export function stackConfig(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    "aws:region": "ap-northeast-1",
    "fargate-access:strategies": ["ecsExec"],
    "fargate-access:service": { image: TEST_IMAGE, command: ["crond", "-f"] },
    ...overrides,
  };
}

/** Runs the real program under mocks with a stack config object. */
export function plan(
  config: Record<string, unknown>,
  stack = "test",
  invokes?: InvokeAnswers,
): Promise<OfflineRun> {
  return runOffline(buildStack, { stack, config: toEngineConfig(config), invokes });
}

export function resourcesOfType(run: OfflineRun, type: string): RecordedResource[] {
  return run.resources.filter((resource) => resource.type === type);
}

/** The one resource with this logical name; fails the test when there is not exactly one. */
export function resourceNamed(run: OfflineRun, name: string): RecordedResource {
  const found = run.resources.filter((resource) => resource.name === name);
  assert.strictEqual(found.length, 1, `expected one resource named ${name}, found ${found.length}`);
  return found[0];
}

/** The id the mocks gave a resource (what other resources' inputs refer to). */
export function idOf(run: OfflineRun, name: string): string {
  return String(resourceNamed(run, name).id);
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Action: string[];
  Resource: string[];
  Condition?: Record<string, Record<string, unknown>>;
}

/** The statements of a RolePolicy (or any resource with a `policy` JSON input). */
export function statementsOf(resource: RecordedResource): Statement[] {
  const document = JSON.parse(String(resource.inputs.policy)) as { Statement: Statement[] };
  return document.Statement;
}

/** Every action a policy allows, sorted. */
export function allowedActions(resource: RecordedResource): string[] {
  return statementsOf(resource)
    .filter((statement) => statement.Effect === "Allow")
    .flatMap((statement) => statement.Action)
    .sort();
}

/** A container definition as the task definition registers it. */
export interface Container {
  name: string;
  image: string;
  privileged: boolean;
  command?: string[];
  entryPoint?: string[];
  environment?: { name: string; value: string }[];
  linuxParameters: { initProcessEnabled: boolean };
  logConfiguration: { logDriver: string; options: Record<string, string> };
}

/** The containers of the workload task definition. */
export function containersOf(run: OfflineRun): Container[] {
  return JSON.parse(String(resourceNamed(run, "workload-task").inputs.containerDefinitions));
}

/**
 * A resource as the recording monitor would hold it, for tests that add resources by hand.
 * `outputs` default to none (a preview); pass the inputs to model a deployed resource.
 */
export function recordedResource(
  type: string,
  name: string,
  inputs: Record<string, unknown>,
  extra: Partial<RecordedResource> = {},
): RecordedResource {
  return {
    urn: `urn:${name}`,
    type,
    name,
    id: `${name}-id`,
    parent: "",
    custom: true,
    provider: "",
    inputs,
    dependencies: [],
    propertyDependencies: {},
    outputs: {},
    retainOnDelete: false,
    ...extra,
  };
}
