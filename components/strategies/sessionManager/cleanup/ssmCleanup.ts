import {
  Activation,
  DeleteActivationCommand,
  DeregisterManagedInstanceCommand,
  DescribeActivationsCommand,
  DescribeInstanceInformationCommand,
  InstanceInformation,
  InstanceInformationStringFilter,
  SSMClient,
} from "@aws-sdk/client-ssm";
import { ACTIVATION_TAG_KEYS } from "../activationTags";
import { DEFAULT_RETRY_POLICY, RetryPolicy, withThrottleRetry } from "./retry";

/** What the function is told about its stack, through its environment. */
export interface CleanupSettings {
  /** `<project>/<stack>`: the value of the stack tag. */
  stackTagValue: string;
  /** Activations are listed by this role, then narrowed by their tags. */
  activationRoleName: string;
  /** Only task events of this cluster are acted on. */
  clusterArn: string;
}

/** The JSON line every invocation logs. */
export interface CleanupSummary {
  trigger: "task-stopped" | "schedule";
  /** Managed instances and activations found to clean up. */
  counted: number;
  deregistered: number;
  deleted: number;
  /** Already gone when we got to them (another invocation won the race): not a failure. */
  alreadyGone: number;
  failed: number;
  /** Resource ids and error names of the failures, never credentials or activation codes. */
  failures: string[];
}

/** A summary with nothing counted yet. */
export function emptySummary(trigger: CleanupSummary["trigger"]): CleanupSummary {
  return {
    trigger,
    counted: 0,
    deregistered: 0,
    deleted: 0,
    alreadyGone: 0,
    failed: 0,
    failures: [],
  };
}

const GONE_INSTANCE_ERRORS = new Set(["InvalidInstanceId"]);
const GONE_ACTIVATION_ERRORS = new Set(["InvalidActivation", "InvalidActivationId"]);

/** Cleans up in one pass: found items are removed one by one, each failure counted. */
class Cleanup {
  readonly summary: CleanupSummary;

  constructor(
    private readonly ssm: SSMClient,
    trigger: CleanupSummary["trigger"],
    private readonly retry: RetryPolicy,
  ) {
    this.summary = emptySummary(trigger);
  }

  instances(filters: InstanceInformationStringFilter[]): Promise<InstanceInformation[]> {
    return this.allPages(async (NextToken) => {
      const page = await this.ssm.send(
        new DescribeInstanceInformationCommand({ Filters: filters, MaxResults: 50, NextToken }),
      );
      return [page.InstanceInformationList ?? [], page.NextToken];
    });
  }

  activations(roleName: string): Promise<Activation[]> {
    return this.allPages(async (NextToken) => {
      const page = await this.ssm.send(
        new DescribeActivationsCommand({
          Filters: [{ FilterKey: "IamRole", FilterValues: [roleName] }],
          MaxResults: 50,
          NextToken,
        }),
      );
      return [page.ActivationList ?? [], page.NextToken];
    });
  }

  /** Follows `NextToken` to the last page, retrying each throttled page. */
  private async allPages<T>(
    fetchPage: (nextToken: string | undefined) => Promise<[T[], string | undefined]>,
  ): Promise<T[]> {
    const found: T[] = [];
    let nextToken: string | undefined;
    do {
      const [items, next] = await withThrottleRetry(() => fetchPage(nextToken), this.retry);
      found.push(...items);
      nextToken = next;
    } while (nextToken);
    return found;
  }

  deregister(instances: InstanceInformation[]): Promise<void> {
    const ids = instances.map((instance) => instance.InstanceId);
    return this.removeEach(ids, GONE_INSTANCE_ERRORS, "deregistered", (InstanceId) =>
      this.ssm.send(new DeregisterManagedInstanceCommand({ InstanceId })),
    );
  }

  delete(activations: Activation[]): Promise<void> {
    const ids = activations.map((activation) => activation.ActivationId);
    return this.removeEach(ids, GONE_ACTIVATION_ERRORS, "deleted", (ActivationId) =>
      this.ssm.send(new DeleteActivationCommand({ ActivationId })),
    );
  }

  /** Removes one item after the other, so a failure of one never stops the rest. */
  private async removeEach(
    ids: (string | undefined)[],
    goneErrors: Set<string>,
    counter: "deregistered" | "deleted",
    remove: (id: string) => Promise<unknown>,
  ): Promise<void> {
    for (const id of ids) {
      if (!id) continue;
      this.summary.counted++;
      await this.attempt(id, goneErrors, () => remove(id), counter);
    }
  }

  private async attempt(
    id: string,
    goneErrors: Set<string>,
    operation: () => Promise<unknown>,
    counter: "deregistered" | "deleted",
  ): Promise<void> {
    try {
      await withThrottleRetry(operation, this.retry);
      this.summary[counter]++;
    } catch (error) {
      const name = (error as { name?: string }).name ?? "Error";
      if (goneErrors.has(name)) {
        this.summary.alreadyGone++;
      } else {
        this.summary.failed++;
        this.summary.failures.push(`${id}: ${name}`);
      }
    }
  }
}

function tagValue(activation: Activation, key: string): string | undefined {
  return activation.Tags?.find((tag) => tag.Key === key)?.Value;
}

/** Instances carrying this stack's tag. */
function stackFilter(settings: CleanupSettings): InstanceInformationStringFilter {
  return { Key: `tag:${ACTIVATION_TAG_KEYS.stack}`, Values: [settings.stackTagValue] };
}

/** What one pass removes: instances found by these filters, activations kept by this test. */
interface CleanupPass {
  trigger: CleanupSummary["trigger"];
  /** Must include {@link stackFilter}: only this stack's instances are ever removed. */
  instanceFilters: InstanceInformationStringFilter[];
  /** Besides carrying the stack tag, which every removed activation must. */
  activationMatches: (activation: Activation) => boolean;
}

/** Deregisters the pass's instances, then deletes its activations; only this stack's. */
async function runPass(
  ssm: SSMClient,
  settings: CleanupSettings,
  pass: CleanupPass,
  retry: RetryPolicy,
): Promise<CleanupSummary> {
  const cleanup = new Cleanup(ssm, pass.trigger, retry);
  const instances = await cleanup.instances(pass.instanceFilters);
  await cleanup.deregister(instances);
  const activations = (await cleanup.activations(settings.activationRoleName)).filter(
    (activation) =>
      tagValue(activation, ACTIVATION_TAG_KEYS.stack) === settings.stackTagValue &&
      pass.activationMatches(activation),
  );
  await cleanup.delete(activations);
  return cleanup.summary;
}

/** After a task stopped: its managed instance(s) and any activation it left are removed. */
export function cleanUpStoppedTask(
  ssm: SSMClient,
  settings: CleanupSettings,
  taskArn: string,
  retry: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<CleanupSummary> {
  return runPass(
    ssm,
    settings,
    {
      trigger: "task-stopped",
      instanceFilters: [
        { Key: `tag:${ACTIVATION_TAG_KEYS.taskArn}`, Values: [taskArn] },
        stackFilter(settings),
      ],
      activationMatches: (activation) =>
        tagValue(activation, ACTIVATION_TAG_KEYS.taskArn) === taskArn,
    },
    retry,
  );
}

/**
 * The scheduled sweep: this stack's instances that lost their connection (their task is gone,
 * the STOPPED event was missed or failed) and its expired or used-up activations.
 */
export function sweepStack(
  ssm: SSMClient,
  settings: CleanupSettings,
  retry: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<CleanupSummary> {
  return runPass(
    ssm,
    settings,
    {
      trigger: "schedule",
      instanceFilters: [stackFilter(settings), { Key: "PingStatus", Values: ["ConnectionLost"] }],
      activationMatches: (activation) =>
        activation.Expired === true ||
        (activation.RegistrationsCount ?? 0) >= (activation.RegistrationLimit ?? 1),
    },
    retry,
  );
}
