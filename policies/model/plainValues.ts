import { PolicyResource } from "@pulumi/policy";
import { TYPES } from "../lib/resourceTypes";
import { isUnknownValue } from "../lib/unknowns";
import { FieldReader } from "./containerFields";
import {
  containerOverridesOf,
  launcherOverridesOf,
  OVERRIDE_LAUNCHER_TYPES,
} from "./containerOverrides";
import { ContainerOrigin, NamedValue, notKnownUnder, tasksOf } from "./containers";
import { fromProperty } from "./goJson";

/**
 * Every plain value the stack hands a running process, wherever it sits: a container's
 * `environment`, `command`, `entryPoint` and `dockerLabels`; the environment and command that
 * container overrides pass (state machine RunTask states, EventBridge targets, schedules,
 * pipes); a Lambda function's `environment.variables`. Anyone who may describe the resource
 * reads these (ECS developer guide
 * "Pass sensitive data to an Amazon ECS container": use `secrets`; Lambda developer guide
 * "Securing environment variables"). `secrets` (valueFrom) entries are references and not here.
 */
export interface PlainValue {
  origin: ContainerOrigin;
  /** Who receives it, for messages: `Container app`, `Function fn`, an override's state. */
  holder: string;
  /** `environment` values have a variable name the secret-name rule reads too. */
  kind: "environment" | "argument" | "label";
  /** The variable or label name; for an argument, `command[2]`. */
  name: string;
  value: string;
  /** The arguments of the same list, for `--password value` pairs (arguments only). */
  siblings?: string[];
  /** What to do instead, for messages. */
  fix: string;
}

export interface PlainValues {
  values: PlainValue[];
  /** Holders with parts not known yet during a preview, and which. */
  notKnown: { origin: ContainerOrigin; what: string }[];
}

const MOVE_TO_SECRETS = "move it to secrets";
const LAMBDA_FIX = "read it at run time from Secrets Manager or Parameter Store";
const OVERRIDE_FIX = "put it in the task definition's secrets";

export const LAMBDA_TYPES = [TYPES.lambdaFunction, "aws-native:lambda:Function"];

const arguments_ = (
  base: Omit<PlainValue, "kind" | "name" | "value">,
  list: string,
  args: string[],
): PlainValue[] =>
  args.map((value, index) => ({
    ...base,
    kind: "argument",
    name: `${list}[${index}]`,
    value,
    siblings: args,
  }));

const named = (
  base: Omit<PlainValue, "kind" | "name" | "value">,
  kind: "environment" | "label",
  pairs: NamedValue[],
): PlainValue[] => pairs.map(({ name, value }) => ({ ...base, kind, name, value }));

function containerValues(resource: PolicyResource, found: PlainValues): void {
  for (const task of tasksOf(resource)) {
    if (task.containersNotKnown) {
      found.notKnown.push({ origin: task.origin, what: "the container definitions" });
    }
    for (const container of task.containers) {
      const base = {
        origin: task.origin,
        holder: `Container ${container.name}`,
        fix: MOVE_TO_SECRETS,
      };
      found.values.push(
        ...named(base, "environment", container.environment),
        ...arguments_(base, "command", container.command),
        ...arguments_(base, "entryPoint", container.entryPoint),
        ...named(base, "label", container.dockerLabels),
      );
      const unknown = ["environment", "command", "entryPoint", "dockerLabels"].flatMap((field) =>
        notKnownUnder(container, field),
      );
      if (unknown.length > 0) {
        found.notKnown.push({
          origin: task.origin,
          what: `container ${container.name}: ${unknown.join(", ")}`,
        });
      }
    }
  }
}

function lambdaValues(resource: PolicyResource, found: PlainValues): void {
  const read = new FieldReader();
  const variables = read.map(
    fromProperty(() => resource.props),
    "environment.variables",
  );
  const origin = { urn: resource.urn, name: resource.name, type: resource.type };
  const base = { origin, holder: `Function ${resource.name}`, fix: LAMBDA_FIX };
  found.values.push(...named(base, "environment", variables));
  if (read.notKnown.length > 0) {
    found.notKnown.push({ origin, what: read.notKnown.join(", ") });
  }
}

/** Every plain value of the stack; parts not known yet are listed, the rest judged. */
export function plainValuesOf(resources: PolicyResource[]): PlainValues {
  const found: PlainValues = { values: [], notKnown: [] };
  for (const resource of resources) {
    containerValues(resource, found);
    if (LAMBDA_TYPES.includes(resource.type)) {
      lambdaValues(resource, found);
    }
    if (resource.type === TYPES.stateMachine) {
      overrideValues(resource, found);
    }
    if (OVERRIDE_LAUNCHER_TYPES.includes(resource.type)) {
      launcherOverrideValues(resource, found);
    }
  }
  return found;
}

function overrideValues(resource: PolicyResource, found: PlainValues): void {
  const origin = { urn: resource.urn, name: resource.name, type: resource.type };
  let overrides;
  try {
    overrides = containerOverridesOf(resource);
  } catch (error) {
    if (!isUnknownValue(error)) throw error;
    found.notKnown.push({ origin, what: "the definition" });
    return;
  }
  for (const override of overrides) {
    const base = {
      origin,
      holder: `State machine ${resource.name}, state ${override.state}, override of container ${override.containerName}`,
      fix: OVERRIDE_FIX,
    };
    found.values.push(
      ...named(base, "environment", override.environment),
      ...arguments_(base, "command", override.command),
    );
  }
}

function launcherOverrideValues(resource: PolicyResource, found: PlainValues): void {
  const origin = { urn: resource.urn, name: resource.name, type: resource.type };
  const { overrides, notKnown } = launcherOverridesOf(resource);
  const kind = resource.type.split(":").pop();
  for (const override of overrides) {
    const base = {
      origin,
      holder: `${kind} ${resource.name}, override of container ${override.containerName}`,
      fix: OVERRIDE_FIX,
    };
    found.values.push(
      ...named(base, "environment", override.environment),
      ...arguments_(base, "command", override.command),
    );
  }
  if (notKnown.length > 0) found.notKnown.push({ origin, what: notKnown.join(", ") });
}
