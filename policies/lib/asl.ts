import { TYPES } from "./resourceTypes";

/**
 * Amazon States Language, parsed once per definition text and shared by every rule that reads
 * state machines. Covers both query languages (JSONPath `Parameters`, JSONata `Arguments`), and
 * states nested in Parallel branches and Map / Distributed Map item processors (`ItemProcessor`,
 * or the older `Iterator`). (AWS Step Functions developer guide: "Amazon States Language",
 * "Transforming data with JSONata", "Map state", "Parallel state")
 */

export type QueryLanguage = "JSONPath" | "JSONata";

/** A state of a definition, the path that reaches it and the query language it uses. */
export interface LocatedState {
  path: string;
  state: Record<string, unknown>;
  queryLanguage: QueryLanguage;
}

/** The network an ECS task state asks for, as far as the definition fixes it. */
export interface TaskNetwork {
  /** `AssignPublicIp` when written in the definition. */
  assignPublicIp?: unknown;
  /** `Subnets` when written in the definition as a list of literal ids. */
  subnets?: string[];
  /** Settings the execution input (a path, an intrinsic or a JSONata expression) decides. */
  fromInput: string[];
}

/** A Task state that starts ECS tasks (or creates/updates a service or task set that does). */
export interface EcsTaskState extends LocatedState {
  integration: string;
  network: TaskNetwork;
}

/**
 * A Task state that creates or changes a launcher of another service through an AWS SDK
 * integration (a schedule, a rule target, a pipe, a Batch job definition), with the network of
 * each task that launcher will start (one per target of a PutTargets request).
 */
export interface LauncherCreatingState extends LocatedState {
  integration: string;
  networks: LocatedNetwork[];
}

/** A network and the request path of its settings, for messages. */
export interface LocatedNetwork extends TaskNetwork {
  at: string;
}

export interface ParsedDefinition {
  states: LocatedState[];
  ecsTaskStates: EcsTaskState[];
  launcherCreatingStates: LauncherCreatingState[];
  /** The top level as written: where the machine starts and its own states (for path checks). */
  top: { startAt?: string; states: Record<string, Record<string, unknown>> };
}

export type DefinitionRead =
  { kind: "parsed"; definition: ParsedDefinition } | { kind: "invalid"; reason: string };

/**
 * Service integrations that run ECS tasks: the optimized `ecs:runTask` in its three patterns
 * (request-response, `.sync`, `.waitForTaskToken`) and the AWS SDK integrations of the ECS
 * actions that start tasks (RunTask, StartTask) or keep them running (CreateService,
 * UpdateService, CreateTaskSet). All take `NetworkConfiguration.AwsvpcConfiguration`.
 * (Step Functions guide: "Run Amazon ECS or Fargate tasks with Step Functions", "AWS SDK
 * service integrations"; ECS API reference RunTask / CreateService NetworkConfiguration)
 */
const ECS_TASK_RESOURCE =
  /^arn:aws[a-z-]*:states:::(ecs:runTask(?:\.sync|\.waitForTaskToken)?|aws-sdk:ecs:(?:runTask|startTask|createService|updateService|createTaskSet)(?:\.waitForTaskToken)?)(?::\d+)?$/;

/** The awsvpc settings of the ECS requests (RunTask, CreateService, …). */
const ECS_NETWORK = ["NetworkConfiguration", "AwsvpcConfiguration"];

/**
 * AWS SDK integrations that create or change what starts ECS tasks later, and where their request
 * keeps the network of those tasks. Step Functions writes SDK parameters in PascalCase even where
 * the service's API is camelCase ("Learning to use AWS service SDK integrations in Step
 * Functions": API naming conventions). Request shapes: EventBridge Scheduler CreateSchedule /
 * UpdateSchedule `Target.EcsParameters.NetworkConfiguration.AwsvpcConfiguration`; EventBridge
 * PutTargets `Targets[].EcsParameters.NetworkConfiguration.AwsvpcConfiguration`; EventBridge
 * Pipes CreatePipe / UpdatePipe `TargetParameters.EcsTaskParameters.NetworkConfiguration
 * .AwsvpcConfiguration`; AWS Batch RegisterJobDefinition `ContainerProperties.NetworkConfiguration`
 * and `EcsProperties.TaskProperties[].NetworkConfiguration` (`AssignPublicIp` only). `[]` walks
 * every item of a list.
 */
const LAUNCHER_CREATING: [RegExp, string[][]][] = [
  [
    /^aws-sdk:scheduler:(?:createSchedule|updateSchedule)$/,
    [["Target", "EcsParameters", ...ECS_NETWORK]],
  ],
  [
    /^aws-sdk:(?:eventbridge|cloudwatchevents):putTargets$/,
    [["Targets", "[]", "EcsParameters", ...ECS_NETWORK]],
  ],
  [
    /^aws-sdk:pipes:(?:createPipe|updatePipe)$/,
    [["TargetParameters", "EcsTaskParameters", ...ECS_NETWORK]],
  ],
  [
    /^aws-sdk:batch:registerJobDefinition$/,
    [
      ["ContainerProperties", "NetworkConfiguration"],
      ["EcsProperties", "TaskProperties", "[]", "NetworkConfiguration"],
    ],
  ],
];
const SDK_RESOURCE =
  /^arn:aws[a-z-]*:states:::(aws-sdk:[a-z0-9]+:[A-Za-z0-9]+)(?:\.waitForTaskToken)?(?::\d+)?$/;

/** A JSONata expression: a string wrapped in `{% … %}`. */
const JSONATA_EXPRESSION = /^\s*\{%[\s\S]*%\}\s*$/;

type Machine = {
  StartAt?: unknown;
  States?: Record<string, Record<string, unknown>>;
  QueryLanguage?: string;
};

const cache = new Map<string, DefinitionRead>();
const CACHE_LIMIT = 64;

/** Reads a definition given as JSON text or as an object; parses each distinct text once. */
export function readDefinition(value: unknown): DefinitionRead {
  if (typeof value === "object" && value !== null) {
    return { kind: "parsed", definition: analyze(value as Machine) };
  }
  if (typeof value !== "string") {
    return { kind: "invalid", reason: "the definition is missing" };
  }
  const cached = cache.get(value);
  if (cached) {
    return cached;
  }
  let read: DefinitionRead;
  try {
    const machine = JSON.parse(value);
    read =
      typeof machine === "object" && machine !== null
        ? { kind: "parsed", definition: analyze(machine) }
        : { kind: "invalid", reason: "the definition is not a JSON object" };
  } catch (error) {
    read = {
      kind: "invalid",
      reason: `the definition is not valid JSON (${(error as Error).message})`,
    };
  }
  if (cache.size >= CACHE_LIMIT) {
    cache.clear();
  }
  cache.set(value, read);
  return read;
}

function analyze(machine: Machine): ParsedDefinition {
  const states = allStates(machine, "", "JSONPath");
  const ecsTaskStates = states.flatMap((located): EcsTaskState[] => {
    const resource = located.state.Resource;
    if (located.state.Type !== "Task" || typeof resource !== "string") {
      return [];
    }
    const match = ECS_TASK_RESOURCE.exec(resource);
    return match
      ? [{ ...located, integration: match[1], network: networksAt(located, ECS_NETWORK)[0] }]
      : [];
  });
  const launcherCreatingStates = states.flatMap((located): LauncherCreatingState[] => {
    const integration = sdkIntegrationOf(located);
    const paths = integration && LAUNCHER_CREATING.find(([pattern]) => pattern.test(integration));
    return integration && paths
      ? [
          {
            ...located,
            integration,
            networks: paths[1].flatMap((path) => networksAt(located, path)),
          },
        ]
      : [];
  });
  const startAt = typeof machine.StartAt === "string" ? machine.StartAt : undefined;
  return {
    states,
    ecsTaskStates,
    launcherCreatingStates,
    top: { startAt, states: machine.States ?? {} },
  };
}

function allStates(machine: Machine, prefix: string, inherited: QueryLanguage): LocatedState[] {
  const language = asLanguage(machine.QueryLanguage) ?? inherited;
  const found: LocatedState[] = [];
  for (const [name, state] of Object.entries(machine.States ?? {})) {
    if (typeof state !== "object" || state === null) {
      continue;
    }
    const path = prefix ? `${prefix}/${name}` : name;
    const queryLanguage = asLanguage(state.QueryLanguage) ?? language;
    found.push({ path, state, queryLanguage });
    const branches = Array.isArray(state.Branches) ? (state.Branches as Machine[]) : [];
    branches.forEach((branch, index) =>
      found.push(...allStates(branch, `${path}/branch${index}`, queryLanguage)),
    );
    const processor = (state.ItemProcessor ?? state.Iterator) as Machine | undefined;
    if (typeof processor === "object" && processor !== null) {
      found.push(...allStates(processor, `${path}/items`, queryLanguage));
    }
  }
  return found;
}

function asLanguage(value: unknown): QueryLanguage | undefined {
  return value === "JSONata" || value === "JSONPath" ? value : undefined;
}

const DYNAMIC = Symbol("dynamic");

/**
 * Reads `key` of a request object: JSONPath marks values taken from the input with a `.$`
 * suffix on the key; JSONata writes them as `{% … %}` strings. Either is recorded in `fromInput`.
 */
function field(
  container: unknown,
  key: string,
  where: string,
  fromInput: string[],
): unknown | typeof DYNAMIC {
  if (typeof container !== "object" || container === null || Array.isArray(container)) {
    return undefined;
  }
  const record = container as Record<string, unknown>;
  const dynamicKey = `${key}.$`;
  if (record[dynamicKey] !== undefined) {
    fromInput.push(`${where}${dynamicKey} = ${JSON.stringify(record[dynamicKey])}`);
    return DYNAMIC;
  }
  const value = record[key];
  if (typeof value === "string" && JSONATA_EXPRESSION.test(value)) {
    fromInput.push(`${where}${key} = ${JSON.stringify(value)}`);
    return DYNAMIC;
  }
  return value;
}

/**
 * The networks a request asks for at `path` (one per list item where the path walks a list). A
 * request, or a part of the path, taken from the input yields one network that says so.
 */
function networksAt({ state, queryLanguage }: LocatedState, path: string[]): LocatedNetwork[] {
  const fromInput: string[] = [];
  const argumentsKey = queryLanguage === "JSONata" ? "Arguments" : "Parameters";
  const request = state[argumentsKey];
  if (request === undefined) {
    // JSONPath without Parameters sends the state's (filtered) input as the request itself;
    // JSONata without Arguments sends no arguments ("Transforming data with JSONata"; CDK
    // JsonataStateOptions.arguments: "default: No arguments").
    if (queryLanguage === "JSONPath") {
      fromInput.push("no Parameters: the input becomes the whole request");
    }
    return [{ at: argumentsKey, fromInput }];
  }
  if (typeof request === "string" && JSONATA_EXPRESSION.test(request)) {
    fromInput.push(`${argumentsKey} = ${JSON.stringify(request)}`);
    return [{ at: argumentsKey, fromInput }];
  }
  return walk(request, path, argumentsKey);
}

function walk(value: unknown, path: string[], at: string): LocatedNetwork[] {
  if (path.length === 0) {
    return [vpcSettings(value, at)];
  }
  const [head, ...rest] = path;
  if (head === "[]") {
    return Array.isArray(value)
      ? value.flatMap((item, index) => walk(item, rest, `${at}[${index}]`))
      : [];
  }
  const fromInput: string[] = [];
  const next = field(value, head, `${at}.`, fromInput);
  return next === DYNAMIC ? [{ at, fromInput }] : walk(next, rest, `${at}.${head}`);
}

function vpcSettings(vpc: unknown, at: string): LocatedNetwork {
  const fromInput: string[] = [];
  const vpcPrefix = `${at}.`;
  const assignPublicIp = field(vpc, "AssignPublicIp", vpcPrefix, fromInput);
  const subnets = field(vpc, "Subnets", vpcPrefix, fromInput);
  const securityGroups = field(vpc, "SecurityGroups", vpcPrefix, fromInput);
  const literalSubnets = listOfLiterals(subnets, `${vpcPrefix}Subnets`, fromInput);
  listOfLiterals(securityGroups, `${vpcPrefix}SecurityGroups`, fromInput);
  return {
    at,
    assignPublicIp: assignPublicIp === DYNAMIC ? undefined : assignPublicIp,
    subnets: literalSubnets,
    fromInput,
  };
}

/** A list's literal strings; JSONata expressions inside it are recorded as input-decided. */
function listOfLiterals(value: unknown, where: string, fromInput: string[]): string[] | undefined {
  if (!Array.isArray(value)) {
    return undefined;
  }
  const literals: string[] = [];
  value.forEach((item, index) => {
    if (typeof item === "string" && JSONATA_EXPRESSION.test(item)) {
      fromInput.push(`${where}[${index}] = ${JSON.stringify(item)}`);
    } else {
      literals.push(String(item));
    }
  });
  return literals;
}

/** The request a Task state sends: JSONPath `Parameters` or JSONata `Arguments`. */
export function requestOf({ state, queryLanguage }: LocatedState): unknown {
  return queryLanguage === "JSONata" ? state.Arguments : state.Parameters;
}

/**
 * The SDK integration a Task state calls (`aws-sdk:ecs:registerTaskDefinition`), without its
 * pattern suffix; `undefined` for other states.
 */
export function sdkIntegrationOf({ state }: LocatedState): string | undefined {
  const match = state.Type === "Task" ? SDK_RESOURCE.exec(String(state.Resource)) : null;
  return match?.[1];
}

/**
 * The ECS task states of a state machine resource; none for other types or an unreadable
 * definition (state-machine-run-task-no-public-ip reports that once).
 */
export function ecsTaskStatesOf(type: string, props: Record<string, unknown>): EcsTaskState[] {
  if (type !== TYPES.stateMachine) {
    return [];
  }
  const read = readDefinition(props.definition);
  return read.kind === "parsed" ? read.definition.ecsTaskStates : [];
}
