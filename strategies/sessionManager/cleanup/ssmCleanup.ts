import { DescribeTasksCommand, ECSClient } from "@aws-sdk/client-ecs";
import {
  Activation,
  DeleteActivationCommand,
  DeregisterManagedInstanceCommand,
  DescribeActivationsCommand,
  DescribeInstanceInformationCommand,
  InstanceInformation,
  ListTagsForResourceCommand,
  SSMClient,
  Tag,
} from "@aws-sdk/client-ssm";
import { ACTIVATION_TAG_KEYS } from "../../../lib/activationTags";
import { DEFAULT_RETRY_POLICY, RetryPolicy, withRetry } from "./retry";

/** What the function is told about its stack, through its environment. */
export interface CleanupSettings {
  /** `<project>/<stack>`: the value of the stack tag. */
  stackTagValue: string;
  /** Activations are listed by this role, then narrowed by their tags. */
  activationRoleName: string;
  /** Only task events of this cluster are acted on; tasks are looked up in it. */
  clusterArn: string;
  /**
   * Hours after which a ConnectionLost instance is deregistered even though its task still runs
   * (its agent died for good); 0 = never: a running task keeps its instance.
   */
  staleAfterHours: number;
}

/** The clients the cleanup talks to. */
export interface CleanupClients {
  ssm: SSMClient;
  ecs: ECSClient;
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
  /** Disconnected instances left alone because their task still runs. */
  keptRunning: number;
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
    keptRunning: 0,
    failed: 0,
    failures: [],
  };
}

// DeregisterManagedInstanceCommand and DeleteActivationCommand `@throws` (SDK model docs).
const GONE_INSTANCE_ERRORS = new Set(["InvalidInstanceId"]);
const GONE_ACTIVATION_ERRORS = new Set(["InvalidActivation", "InvalidActivationId"]);
/** DescribeInstanceInformation and DescribeActivations accept at most 50 per page (API reference). */
const PAGE_SIZE = 50;
/** DescribeTasksRequest.tasks: "A list of up to 100 task IDs or full ARN entries." */
const DESCRIBE_TASKS_LIMIT = 100;
const HOUR_MS = 3600 * 1000;

/** Cleans up in one pass: found items are removed one by one, each failure counted. */
class Cleanup {
  readonly summary: CleanupSummary;

  constructor(
    private readonly clients: CleanupClients,
    trigger: CleanupSummary["trigger"],
    private readonly retry: RetryPolicy,
  ) {
    this.summary = emptySummary(trigger);
  }

  /**
   * Instances carrying one tag. DescribeInstanceInformation rejects a tag filter combined with
   * any other filter type ("Tag filters can't be combined with other filter types", the
   * request's `Filters` doc), so every other test happens in code.
   */
  instancesTagged(key: string, value: string): Promise<InstanceInformation[]> {
    return this.allPages(async (NextToken) => {
      const page = await this.clients.ssm.send(
        new DescribeInstanceInformationCommand({
          Filters: [{ Key: `tag:${key}`, Values: [value] }],
          MaxResults: PAGE_SIZE,
          NextToken,
        }),
      );
      return [page.InstanceInformationList ?? [], page.NextToken];
    });
  }

  activations(roleName: string): Promise<Activation[]> {
    return this.allPages(async (NextToken) => {
      const page = await this.clients.ssm.send(
        new DescribeActivationsCommand({
          Filters: [{ FilterKey: "IamRole", FilterValues: [roleName] }],
          MaxResults: PAGE_SIZE,
          NextToken,
        }),
      );
      return [page.ActivationList ?? [], page.NextToken];
    });
  }

  /** The task ARN tag of a managed instance (DescribeInstanceInformation returns no tags). */
  async taskArnOf(instanceId: string): Promise<string | undefined> {
    const { TagList } = await withRetry(
      () =>
        this.clients.ssm.send(
          new ListTagsForResourceCommand({
            ResourceType: "ManagedInstance",
            ResourceId: instanceId,
          }),
        ),
      this.retry,
    );
    return tagValue(TagList, ACTIVATION_TAG_KEYS.taskArn);
  }

  /**
   * ECS's last status of each task, or `undefined` for a task ECS no longer knows: DescribeTasks
   * reports those in `failures` with reason MISSING (ECS guide, "API failure reasons").
   */
  async taskStatuses(clusterArn: string, taskArns: string[]): Promise<Map<string, string>> {
    const statuses = new Map<string, string>();
    for (let start = 0; start < taskArns.length; start += DESCRIBE_TASKS_LIMIT) {
      const batch = taskArns.slice(start, start + DESCRIBE_TASKS_LIMIT);
      const { tasks } = await withRetry(
        () =>
          this.clients.ecs.send(new DescribeTasksCommand({ cluster: clusterArn, tasks: batch })),
        this.retry,
      );
      for (const task of tasks ?? []) {
        if (task.taskArn && task.lastStatus) statuses.set(task.taskArn, task.lastStatus);
      }
    }
    return statuses;
  }

  /** Follows `NextToken` to the last page, retrying each page on transient errors. */
  private async allPages<T>(
    fetchPage: (nextToken: string | undefined) => Promise<[T[], string | undefined]>,
  ): Promise<T[]> {
    const found: T[] = [];
    let nextToken: string | undefined;
    do {
      const [items, next] = await withRetry(() => fetchPage(nextToken), this.retry);
      found.push(...items);
      nextToken = next;
    } while (nextToken);
    return found;
  }

  deregister(instanceIds: string[]): Promise<void> {
    return this.removeEach(instanceIds, GONE_INSTANCE_ERRORS, "deregistered", (InstanceId) =>
      this.clients.ssm.send(new DeregisterManagedInstanceCommand({ InstanceId })),
    );
  }

  delete(activations: Activation[]): Promise<void> {
    const ids = activations.flatMap((activation) => activation.ActivationId ?? []);
    return this.removeEach(ids, GONE_ACTIVATION_ERRORS, "deleted", (ActivationId) =>
      this.clients.ssm.send(new DeleteActivationCommand({ ActivationId })),
    );
  }

  /** Removes one item after the other, so a failure of one never stops the rest. */
  private async removeEach(
    ids: string[],
    goneErrors: Set<string>,
    counter: "deregistered" | "deleted",
    remove: (id: string) => Promise<unknown>,
  ): Promise<void> {
    for (const id of ids) {
      this.summary.counted++;
      try {
        await withRetry(() => remove(id), this.retry);
        this.summary[counter]++;
      } catch (error) {
        this.recordFailure(id, error, goneErrors);
      }
    }
  }

  recordFailure(id: string, error: unknown, goneErrors = new Set<string>()): void {
    const name = (error as { name?: string }).name ?? "Error";
    if (goneErrors.has(name)) {
      this.summary.alreadyGone++;
    } else {
      this.summary.failed++;
      this.summary.failures.push(`${id}: ${name}`);
    }
  }
}

function tagValue(tags: Tag[] | undefined, key: string): string | undefined {
  return tags?.find((tag) => tag.Key === key)?.Value;
}

function ofThisStack(settings: CleanupSettings, activation: Activation): boolean {
  return tagValue(activation.Tags, ACTIVATION_TAG_KEYS.stack) === settings.stackTagValue;
}

/** After a task stopped: its managed instance(s) and any activation it left are removed. */
export async function cleanUpStoppedTask(
  clients: CleanupClients,
  settings: CleanupSettings,
  taskArn: string,
  retry: RetryPolicy = DEFAULT_RETRY_POLICY,
): Promise<CleanupSummary> {
  const cleanup = new Cleanup(clients, "task-stopped", retry);
  // Task ARNs are unique, so the task tag alone finds its instances; the cleanup role may only
  // deregister instances carrying this stack's tag anyway (IAM condition).
  const instances = await cleanup.instancesTagged(ACTIVATION_TAG_KEYS.taskArn, taskArn);
  await cleanup.deregister(instances.flatMap((instance) => instance.InstanceId ?? []));
  const activations = (await cleanup.activations(settings.activationRoleName)).filter(
    (activation) =>
      ofThisStack(settings, activation) &&
      tagValue(activation.Tags, ACTIVATION_TAG_KEYS.taskArn) === taskArn,
  );
  await cleanup.delete(activations);
  return cleanup.summary;
}

/**
 * The scheduled sweep. Of this stack's ConnectionLost instances it deregisters those whose task
 * ECS reports STOPPED or no longer knows (the STOPPED event was missed or failed), and, when
 * `staleAfterHours` is set, those silent for longer than that. An instance of a task that still
 * runs is kept: its activation is gone, so it could never register again. It also deletes the
 * stack's expired or used-up activations.
 */
export async function sweepStack(
  clients: CleanupClients,
  settings: CleanupSettings,
  retry: RetryPolicy = DEFAULT_RETRY_POLICY,
  now: Date = new Date(),
): Promise<CleanupSummary> {
  const cleanup = new Cleanup(clients, "schedule", retry);
  const lost = (await cleanup.instancesTagged(ACTIVATION_TAG_KEYS.stack, settings.stackTagValue))
    .filter((instance) => instance.PingStatus === "ConnectionLost" && instance.InstanceId)
    .map((instance) => ({
      id: instance.InstanceId as string,
      lastPing: instance.LastPingDateTime,
    }));

  const taskArns = new Map<string, string | undefined>();
  for (const instance of lost) {
    try {
      taskArns.set(instance.id, await cleanup.taskArnOf(instance.id));
    } catch (error) {
      cleanup.recordFailure(instance.id, error);
    }
  }
  const known = [...new Set([...taskArns.values()].flatMap((arn) => arn ?? []))];
  let statuses: Map<string, string> | undefined;
  try {
    statuses = await cleanup.taskStatuses(settings.clusterArn, known);
  } catch (error) {
    // Without ECS's word no instance is judged: a running task must not lose its shell.
    cleanup.recordFailure("ecs:DescribeTasks", error);
  }

  const staleBefore = now.getTime() - settings.staleAfterHours * HOUR_MS;
  const toDeregister = lost.filter((instance) => {
    // Tags unreadable or tasks not described: already counted as a failure, judged next time.
    if (!taskArns.has(instance.id) || !statuses) return false;
    const taskArn = taskArns.get(instance.id);
    const status = taskArn ? statuses.get(taskArn) : undefined;
    if (status === undefined || status === "STOPPED") return true;
    const stale =
      settings.staleAfterHours > 0 &&
      instance.lastPing !== undefined &&
      instance.lastPing.getTime() < staleBefore;
    if (!stale) cleanup.summary.keptRunning++;
    return stale;
  });
  await cleanup.deregister(toDeregister.map((instance) => instance.id));

  const activations = (await cleanup.activations(settings.activationRoleName)).filter(
    (activation) =>
      ofThisStack(settings, activation) &&
      (activation.Expired === true ||
        (activation.RegistrationsCount ?? 0) >= (activation.RegistrationLimit ?? 1)),
  );
  await cleanup.delete(activations);
  return cleanup.summary;
}
