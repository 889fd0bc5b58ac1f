import { TYPES } from "./resourceTypes";

type Props = Record<string, unknown>;

/**
 * The cluster a task launcher starts its tasks in, as it names it (ARN, name or id): a service's
 * `cluster`, an EventBridge rule target's or a schedule's target `arn`, a pipe's `target`
 * (Pulumi AWS provider: ecs.Service, cloudwatch.EventTarget, scheduler.Schedule, pipes.Pipe).
 */
export function launcherCluster(type: string, props: Props): unknown {
  switch (type) {
    case TYPES.service:
      return props.cluster;
    case TYPES.eventTarget:
      return props.arn;
    case TYPES.schedule:
      return (props.target as Props | undefined)?.arn;
    case TYPES.pipe:
      return props.target;
    default:
      return undefined;
  }
}
