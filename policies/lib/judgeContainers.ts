import { PolicyResource, ResourceValidation, ResourceValidationArgs } from "@pulumi/policy";
import {
  Container,
  notKnownUnder,
  RunnableTask,
  runnableTasks,
  WHOLE_CONTAINER,
} from "../model/containers";
import { CONTAINER_SOURCE_TYPES } from "../model/containerSources";
import { forTypes } from "./resourceTypes";
import { Undecided } from "./unknowns";

/** The resource a resource rule judges, as the model reads resources. */
export const asPolicyResource = (args: ResourceValidationArgs) =>
  ({ type: args.type, name: args.name, urn: args.urn, props: args.props }) as PolicyResource;

/** Reports one violation about a task or container, on the resource that defines it. */
export type ReportOnTask = (message: string) => void;

export interface ContainerJudge {
  /** Which tasks the rule is about (default: all). */
  appliesTo?: (task: RunnableTask) => boolean;
  /** The container fields the rule reads: any of them not known yet leaves it undecided. */
  reads: string[];
  /** The task-level fields the rule reads. */
  readsTask?: string[];
  judgeTask?: (task: RunnableTask, report: ReportOnTask) => void;
  judgeContainer?: (container: Container, report: ReportOnTask) => void;
}

/**
 * A resource rule over the container model (model/containers.ts): every task and container a
 * resource defines, whichever provider shape wrote it. A resource rule, not a stack rule, so the
 * engine stops a violating resource before it is created (Analyze runs before registration,
 * AnalyzeStack after the update: @pulumi/policy server.js). What a preview does not know yet is
 * noted once per task or container and reported as one advisory at the end; every known part is
 * still judged, so one unknown value never hides a violation beside it.
 */
export function judgeContainers(
  judgeFor: (args: ResourceValidationArgs) => ContainerJudge,
): ResourceValidation {
  const validate: ResourceValidation = (args, reportViolation) => {
    const undecided = new Undecided();
    const judge = judgeFor(args);
    for (const task of runnableTasks([asPolicyResource(args)])) {
      if (judge.appliesTo && !judge.appliesTo(task)) continue;
      const report: ReportOnTask = (message) => reportViolation(message);
      const where = task.path ? `${task.origin.name} ${task.path}` : task.origin.name;
      const taskUnknown = (judge.readsTask ?? []).flatMap((field) =>
        task.notKnown.filter((path) =>
          path.startsWith(task.path ? `${task.path}.${field}` : field),
        ),
      );
      if (taskUnknown.length > 0)
        undecided.note(`${where}: ${taskUnknown.join(", ")}`, task.origin.urn);
      judge.judgeTask?.(task, report);
      if (!judge.judgeContainer) continue;
      if (task.containersNotKnown)
        undecided.note(`${where}: the container definitions`, task.origin.urn);
      for (const container of task.containers) {
        const unknown = [WHOLE_CONTAINER, ...judge.reads].flatMap((field) =>
          notKnownUnder(container, field),
        );
        if (unknown.length > 0) {
          undecided.note(
            `${where}: container ${container.name} ${unknown.join(", ")}`,
            task.origin.urn,
          );
        }
        judge.judgeContainer(container, report);
      }
    }
    undecided.finish();
  };
  return forTypes(CONTAINER_SOURCE_TYPES, validate);
}
