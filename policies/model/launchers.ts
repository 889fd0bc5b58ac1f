import { PolicyResource } from "@pulumi/policy";
import { readDefinition, requestOf } from "../lib/asl";
import { TYPES } from "../lib/resourceTypes";
import { asksForPublicIp, launchNetworks, subnetsOf } from "../lib/taskLaunchers";
import { asRecord, literal } from "./containerOverrides";
import { ContainerOrigin } from "./containers";
import {
  AUTO_SCALING_GROUP,
  capacityGroups,
  capacityOf,
  INSTANCE,
  LAUNCH_TEMPLATE,
} from "./ec2Capacity";
import { field, fromProperty, JsonObject, JsonValue, NOT_KNOWN, parseJson } from "./goJson";
import { parseYamlMapping } from "./templateYaml";

/**
 * Everything in a stack that can start a container, in one shape whatever wrote it, with the
 * network it puts the task in. Rules that judge where tasks run (public IPs, subnets, a network
 * the caller chooses) ask this model; none reads a launcher's provider shape itself.
 *
 * - Resources: ECS services and task sets, EventBridge rule targets, Scheduler schedules, Pipes,
 *   AWS Batch compute environments and job definitions (their shapes: lib/taskLaunchers.ts).
 * - State machines: every ECS task state (`ecs:runTask` in its three patterns and the
 *   `aws-sdk:ecs` integrations that start tasks or keep them running) and every SDK integration
 *   that creates a launcher (schedules, rule targets, pipes, Batch job definitions), in either
 *   query language (lib/asl.ts).
 * - SSM Automation documents: `aws:executeAwsApi` steps that call ECS RunTask, StartTask,
 *   CreateService, UpdateService or CreateTaskSet (Systems Manager user guide, "aws:executeAwsApi
 *   – Call and run AWS API actions": `inputs` hold `Service`, `Api` and the API's own request
 *   parameters). Content is read as JSON only: the pack carries no YAML parser, so a YAML
 *   document is reported as unreadable by nothing here and judged by nothing (README says so).
 * - EC2 capacity for the EC2 launch type: instances, launch templates and Auto Scaling groups
 *   that join an ECS cluster (model/ec2Capacity.ts).
 */

export type LauncherKind = "resource" | "state" | "automationStep" | "ec2Capacity";

/** The network one launcher puts its tasks in, as far as it is written down. */
export interface LauncherNetwork {
  /** Where `assignPublicIp` is (or would be) written, for messages. */
  publicIpWhere: string;
  /** Where the subnets are written, for messages. */
  subnetsWhere: string;
  assignPublicIp?: unknown;
  /** Subnet ids written as literals. */
  subnets: string[];
  /** Settings the caller decides when it starts the launcher (an execution's input). */
  fromInput: string[];
}

export interface Launcher {
  origin: ContainerOrigin;
  kind: LauncherKind;
  /** The state path or step name inside the resource (`""` for a launcher resource). */
  where: string;
  /** The API it calls (`ecs:runTask.sync`, `aws-sdk:scheduler:createSchedule`, `ecs RunTask`). */
  integration?: string;
  networks: LauncherNetwork[];
  /**
   * The roles a state or an Automation step overrides for the task it starts: RunTask / StartTask
   * `Overrides.TaskRoleArn` and `Overrides.ExecutionRoleArn` (ECS API reference TaskOverride),
   * literals only. (Launcher resources' overrides are read by model/taskRoles.ts.)
   */
  roleOverrides?: { taskRoleArn?: string; executionRoleArn?: string; where: string };
}

/** Whether a network asks for a public IP: `true` (the `aws` provider's booleans) or `ENABLED`. */
export function asksPublicIp(network: LauncherNetwork): boolean {
  return asksForPublicIp({ where: "", settings: { assignPublicIp: network.assignPublicIp } });
}

const originOf = (resource: PolicyResource): ContainerOrigin => ({
  urn: resource.urn,
  name: resource.name,
  type: resource.type,
});

function resourceLaunchers(resource: PolicyResource): Launcher[] {
  // Getters: each field is read only when a rule asks for it, so during a preview an unknown
  // subnet list does not stop the public IP check, nor the other way round.
  const networks = launchNetworks(resource.type, resource.props).map(
    (network): LauncherNetwork => ({
      publicIpWhere: `${network.where}.assignPublicIp`,
      subnetsWhere: `${network.where}.subnets`,
      get assignPublicIp() {
        return network.settings.assignPublicIp;
      },
      get subnets() {
        return subnetsOf(network);
      },
      fromInput: [],
    }),
  );
  return networks.length > 0
    ? [{ origin: originOf(resource), kind: "resource", where: "", networks }]
    : [];
}

/** The literal role overrides of a state's `Overrides` (PascalCase: the RunTask request). */
function stateRoleOverrides(overrides: unknown, where: string): Launcher["roleOverrides"] {
  const { TaskRoleArn, ExecutionRoleArn } = asRecord(overrides) ?? {};
  return {
    taskRoleArn: literal(TaskRoleArn) && TaskRoleArn !== "" ? TaskRoleArn : undefined,
    executionRoleArn:
      literal(ExecutionRoleArn) && ExecutionRoleArn !== "" ? ExecutionRoleArn : undefined,
    where,
  };
}

function stateLaunchers(resource: PolicyResource): Launcher[] {
  const read = readDefinition(resource.props.definition);
  if (read.kind !== "parsed") return [];
  const origin = originOf(resource);
  const located = [
    ...read.definition.ecsTaskStates.map((state) => ({ ...state, networks: [state.network] })),
    ...read.definition.launcherCreatingStates,
  ];
  return located.map(({ path, integration, networks, state, queryLanguage }) => ({
    origin,
    kind: "state",
    where: path,
    integration,
    roleOverrides: stateRoleOverrides(
      asRecord(requestOf({ path, state, queryLanguage }))?.Overrides,
      `state ${path} Overrides`,
    ),
    networks: networks.map((network) => ({
      publicIpWhere: `state ${path}`,
      subnetsWhere: `state ${path}`,
      assignPublicIp: network.assignPublicIp,
      subnets: network.subnets ?? [],
      fromInput: network.fromInput,
    })),
  }));
}

/** SSM document types, both providers (Pulumi AWS ssm.Document; aws-native ssm.Document). */
export const SSM_DOCUMENT_TYPES = ["aws:ssm/document:Document", "aws-native:ssm:Document"];
/** ECS API actions that start tasks or keep them running, as an Automation step names them. */
const ECS_LAUNCHING_APIS = new Set([
  "runtask",
  "starttask",
  "createservice",
  "updateservice",
  "createtaskset",
]);
/** An Automation parameter reference (`{{ Subnet }}`): the caller of the runbook decides it. */
const AUTOMATION_PARAMETER = /\{\{[^}]*\}\}/;

/**
 * A runbook's content: JSON or YAML text (`documentFormat` JSON, YAML; AWS Systems Manager API
 * Reference, CreateDocument: "DocumentFormat: Specify the document format for the request. JSON
 * is the default format"), or an object (aws-native). Either text is read, whatever the format
 * says, so a mislabelled runbook is not skipped.
 */
function automationContent(props: JsonValue): JsonValue | undefined {
  const content = field(props, "content");
  if (typeof content === "string") return parseJson(content) ?? parseYamlMapping(content);
  return content instanceof JsonObject ? content : undefined;
}

function automationLaunchers(resource: PolicyResource): Launcher[] {
  const props = fromProperty(() => resource.props);
  if (String(field(props, "documentType") ?? "").toLowerCase() !== "automation") return [];
  const content = automationContent(props);
  const steps = field(content, "mainSteps");
  const origin = originOf(resource);
  return (Array.isArray(steps) ? steps : []).flatMap((step, index): Launcher[] => {
    const inputs = field(step, "inputs");
    const service = String(field(inputs, "Service") ?? "").toLowerCase();
    const api = String(field(inputs, "Api") ?? "").toLowerCase();
    if (field(step, "action") !== "aws:executeAwsApi" || service !== "ecs") return [];
    if (!ECS_LAUNCHING_APIS.has(api)) return [];
    const name = field(step, "name");
    const where = `mainSteps[${index}]${typeof name === "string" ? ` (${name})` : ""}`;
    const vpcPath = `${where} inputs.NetworkConfiguration.AwsvpcConfiguration`;
    const vpc = field(field(inputs, "NetworkConfiguration"), "AwsvpcConfiguration");
    const fromInput: string[] = [];
    const literal = (value: JsonValue | undefined, key: string) => {
      if (value === NOT_KNOWN) return undefined;
      if (typeof value === "string" && AUTOMATION_PARAMETER.test(value)) {
        fromInput.push(`${vpcPath}.${key} = ${JSON.stringify(value)}`);
        return undefined;
      }
      return value;
    };
    const assignPublicIp = literal(field(vpc, "AssignPublicIp"), "AssignPublicIp");
    const subnetList = field(vpc, "Subnets");
    const subnetItems: (JsonValue | undefined)[] = Array.isArray(subnetList)
      ? subnetList
      : [subnetList];
    const subnets = subnetItems
      .map((subnet) => literal(subnet, "Subnets"))
      .filter((subnet): subnet is string => typeof subnet === "string");
    const overrides = field(inputs, "Overrides");
    const role = (key: string) => {
      const value = field(overrides, key);
      return typeof value === "string" && value !== "" && !AUTOMATION_PARAMETER.test(value)
        ? value
        : undefined;
    };
    return [
      {
        origin,
        kind: "automationStep",
        where,
        integration: `ecs ${String(field(inputs, "Api"))}`,
        roleOverrides: {
          taskRoleArn: role("TaskRoleArn"),
          executionRoleArn: role("ExecutionRoleArn"),
          where: `${where} inputs.Overrides`,
        },
        networks: [
          {
            publicIpWhere: `${vpcPath}.AssignPublicIp`,
            subnetsWhere: `${vpcPath}.Subnets`,
            assignPublicIp,
            subnets,
            fromInput,
          },
        ],
      },
    ];
  });
}

const cache = new WeakMap<PolicyResource, Launcher[]>();

/** The launchers one resource defines; none for types that start no containers. */
export function launchersOf(resource: PolicyResource): Launcher[] {
  let found = cache.get(resource);
  if (!found) {
    if (resource.type === TYPES.stateMachine) found = stateLaunchers(resource);
    else if (SSM_DOCUMENT_TYPES.includes(resource.type)) found = automationLaunchers(resource);
    else if ([LAUNCH_TEMPLATE, INSTANCE].includes(resource.type)) found = capacityOf(resource);
    else found = resourceLaunchers(resource);
    cache.set(resource, found);
  }
  return found;
}

/**
 * Every launcher of the stack: those of each resource, and the Auto Scaling groups that are ECS
 * capacity (known only from the stack: a capacity provider or launch template names them).
 */
export function launchers(resources: PolicyResource[]): Launcher[] {
  return [...resources.flatMap(launchersOf), ...capacityGroups(resources)];
}

/** The launchers of one resource seen with the whole stack (an Auto Scaling group's included). */
export function stackLaunchersOf(
  resources: PolicyResource[],
): (resource: PolicyResource) => Launcher[] {
  const groups = capacityGroups(resources);
  return (resource) =>
    resource.type === AUTO_SCALING_GROUP
      ? groups.filter((group) => group.origin.urn === resource.urn)
      : launchersOf(resource);
}
