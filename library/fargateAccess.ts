import * as pulumi from "@pulumi/pulumi";
import { lookupAwsContext } from "../components/awsContext";
import { WorkloadContribution } from "../components/contribution";
import { FieldReader, isPlainObject, show } from "../config/fieldReader";
import { STRATEGIES_FIELD, claimConflict } from "../config/validate";
import type { EcsExecSettings } from "../strategies/ecsExec/ecsExecAccess";
import type { SessionManagerSettings } from "../strategies/sessionManager/sessionManagerAccess";
import type { StepFunctionsSettings } from "../strategies/stepFunctions/stepFunctionsAccess";
import {
  AccessStrategy,
  AccessTarget,
  StrategyOutputs,
  legacyType,
} from "../strategies/accessStrategy";
import { STRATEGIES } from "../strategies/registry";
import { STRATEGY_NAMES, StrategyName } from "../strategies/strategyName";
import type { StrategyModule } from "../strategies/strategyModule";
import { CommonAccessArgs, readAccessArgs } from "./componentArgs";
import { ServiceKey, serviceProblems } from "./existingService";
import { LibraryInputError } from "./libraryInputError";
import { attachWhenGiven } from "./serviceAttachment";
import { ComponentState } from "./componentState";
import type { ServiceRequirements } from "./serviceRequirements";

/** Args of {@link FargateAccess}: the strategies and their settings, as a stack file selects them. */
export interface FargateAccessArgs extends CommonAccessArgs {
  /** The strategies to build: any of `ecsExec`, `sessionManager`, `stepFunctions` (ecsExec and sessionManager exclude each other: both own the container's SSM agent). Required. */
  strategies: string[];
  /** ECS Exec's settings, as the `fargate-access:ecsExec` stack config section. */
  ecsExec?: EcsExecSettings;
  /** Session Manager's settings, as the `fargate-access:sessionManager` stack config section. */
  sessionManager?: SessionManagerSettings;
  /** Step Functions' settings, as the `fargate-access:stepFunctions` stack config section. */
  stepFunctions?: StepFunctionsSettings;
}

const COMPONENT = "FargateAccess";
const ARGS = `${COMPONENT}Args`;
const TOP_LEVEL = [
  "strategies",
  "logRetentionDays",
  "productionLike",
  "service",
  ...STRATEGY_NAMES,
];

const STATE = new ComponentState<FargateAccess, AccessStrategy[]>(COMPONENT);

/**
 * Access strategies for one Fargate service, selected by name as the `fargate-access:strategies`
 * stack config does: one child component per strategy, their contributions merged (two that
 * claim the same setting are refused). Given an existing `service` it attaches at once. Its
 * strategies are named `<name>-ecs-exec` and so on (plain `ecs-exec` under the name `access`, the
 * project's own program), so several umbrellas fit in one stack.
 */
export class FargateAccess extends pulumi.ComponentResource {
  /** Every strategy's outputs, by the stack output names of design.md (e.g. `ecsExecCommand`). */
  accessOutputs?: pulumi.Output<Record<string, string>>;
  /** What the team's service, task definition, cluster and task role must change for all the strategies. */
  requirements?: pulumi.Output<ServiceRequirements>;
  /** The team's `service.containerDefinitions`, patched for all the strategies; only when passed. */
  containerDefinitions?: pulumi.Output<string>;

  constructor(name: string, args: FargateAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    const strategies = readSelection(args);
    super("fargate-access:index:FargateAccess", name, {}, opts);
    const common = {
      logRetentionDays: args.logRetentionDays,
      productionLike: args.productionLike,
    };
    const children = strategies.map((strategy) => {
      const module: StrategyModule = STRATEGIES[strategy];
      const Component = module.component();
      return new Component(
        childName(name, module.resourceName),
        { ...(args[strategy] ?? {}), ...common },
        // Before 0.2 the strategies were top-level components of the stack, parented by the root
        // stack resource, which is how Pulumi's docs say to alias resources wrapped in a new
        // component (Refactoring with aliases, "Wrapping resources in a component"; under mocks
        // there is no root stack resource, and an undefined parent means none, as
        // runtime/resource.ts `mapAliasesForRequest` sends it).
        {
          parent: this,
          aliases: [{ type: legacyType(Component.name), parent: pulumi.rootStackResource }],
        },
      );
    });
    STATE.set(this, children);
    const context = args.service ? lookupAwsContext({ parent: this }) : undefined;
    if (context) attachWhenGiven(this, COMPONENT, args.service, context, this.contributions);
  }

  /** Each selected strategy's contribution to the workload, in the canonical strategy order. */
  get contributions(): WorkloadContribution[] {
    return STATE.get(this).map((strategy) => strategy.contribution);
  }

  /** Attaches every strategy to a service that now exists; returns their stack outputs. */
  attach(target: AccessTarget): StrategyOutputs {
    const outputs: StrategyOutputs = Object.assign(
      {},
      ...STATE.get(this).map((strategy) => strategy.attach(target)),
    );
    this.accessOutputs = pulumi.output(outputs);
    this.registerOutputs({
      accessOutputs: this.accessOutputs,
      requirements: this.requirements,
      containerDefinitions: this.containerDefinitions,
    });
    return outputs;
  }
}

/**
 * The umbrella's name in the project's own program: its strategies keep the logical names they
 * had as top-level components (`ecs-exec`, …), so deployed stacks keep their URNs and names.
 */
const PROGRAM_NAME = "access";

/**
 * A strategy's logical name under an umbrella: two umbrellas in one stack would otherwise give
 * their strategies the same URN (a URN names the parent's type, not its name) and the same
 * physical names.
 */
function childName(umbrella: string, strategy: string): string {
  return umbrella === PROGRAM_NAME ? strategy : `${umbrella}-${strategy}`;
}

/**
 * The selected strategies, checked before anything is built: unknown keys, the list, conflicts,
 * every selected strategy's settings (through its component's own reading) and the service's
 * keys for all of them, all reported at once.
 */
function readSelection(args: FargateAccessArgs): StrategyName[] {
  const problems: string[] = [];
  if (!isPlainObject(args)) {
    throw new LibraryInputError(COMPONENT, [`${ARGS}: must be an object; got ${show(args)}.`]);
  }
  const root = new FieldReader(ARGS, { ...args }, problems);
  root.rejectUnknownKeys(TOP_LEVEL);
  const strategies = STRATEGIES_FIELD.read(root, "strategies");
  const conflict = claimConflict(strategies);
  if (conflict) problems.push(`${ARGS}.strategies: ${conflict}`);
  for (const name of STRATEGY_NAMES) {
    const section = args[name];
    if (section !== undefined && !isPlainObject(section)) {
      problems.push(`${ARGS}.${name}: ${show(section)} is not allowed; use a map of settings.`);
    } else if (section !== undefined && !strategies.includes(name)) {
      pulumi.log.warn(
        `${ARGS}.${name} is set, but ${name} is not in strategies [${strategies.join(", ")}], so it is ignored.`,
      );
    }
  }
  const keys = new Set<ServiceKey>();
  for (const name of strategies) {
    const section = args[name];
    const module: StrategyModule = STRATEGIES[name];
    try {
      const { config } = readAccessArgs(
        module.component().name,
        module.config,
        {
          ...(isPlainObject(section) ? section : {}),
          logRetentionDays: args.logRetentionDays,
          productionLike: args.productionLike,
        },
        module.serviceKeys,
      );
      for (const key of module.serviceKeys(config).keys) keys.add(key);
    } catch (error) {
      if (!(error instanceof LibraryInputError)) throw error;
      const prefix = `${error.component}Args`;
      problems.push(...error.problems.map((problem) => problem.replace(prefix, `${ARGS}.${name}`)));
    }
  }
  if (args.service !== undefined) {
    const why = `FargateAccess with ${strategies.join(" and ")}`;
    problems.push(...serviceProblems(ARGS, args.service, [...keys], why));
  }
  if (problems.length > 0) throw new LibraryInputError(COMPONENT, [...new Set(problems)]);
  return strategies;
}
