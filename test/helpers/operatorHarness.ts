import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CommandIo } from "../../operator/io";
import { AwsWireServer, startAwsWireServer } from "../fakes/awsJsonServer";
import { FakeService } from "../fakes/fakeService";
import { buildRunTaskDefinition } from "../../strategies/stepFunctions/definition";

/** The long-lived key the "operator" has before any role is assumed. */
export const OPERATOR_KEY = "AKIAFAKEOPERATOR0001";

const AWS_ENV = [
  "AWS_ENDPOINT_URL",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
  "AWS_REGION",
  "AWS_PROFILE",
  "AWS_CONFIG_FILE",
  "AWS_SHARED_CREDENTIALS_FILE",
] as const;

/** Environment that sends the real SDK to the fake endpoint with dummy credentials. */
export function fakeAwsEnv(endpoint: string): Record<string, string> {
  return {
    AWS_ENDPOINT_URL: endpoint,
    AWS_ACCESS_KEY_ID: OPERATOR_KEY,
    AWS_SECRET_ACCESS_KEY: "fake-secret",
    AWS_REGION: "ap-northeast-1",
    AWS_CONFIG_FILE: "/nonexistent/config",
    AWS_SHARED_CREDENTIALS_FILE: "/nonexistent/credentials",
  };
}

/** Starts the wire server and points this process's SDK at it until `stop`. */
export async function withFakeAws(services: Record<string, FakeService>) {
  const server: AwsWireServer = await startAwsWireServer(services);
  const saved = Object.fromEntries(AWS_ENV.map((k) => [k, process.env[k]]));
  for (const key of AWS_ENV) delete process.env[key];
  Object.assign(process.env, fakeAwsEnv(server.endpoint));
  return {
    server,
    async stop() {
      for (const key of AWS_ENV) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
      await server.close();
    },
  };
}

/** Writes stack outputs to a temporary `--outputs` file. */
export function outputsFile(outputs: Record<string, unknown>): string {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "outputs-")), "outputs.json");
  fs.writeFileSync(file, JSON.stringify(outputs));
  return file;
}

/** A CommandIo that records what it prints and lets a test press Ctrl-C. */
export function captureIo(
  options: {
    confirm?: boolean;
    isTTY?: boolean;
    /** Press Ctrl-C once stdout shows this. */ ctrlCOn?: string;
    /** Answers to `ask`, in order (none: nobody at the terminal). */
    answers?: string[];
  } = {},
) {
  const answers = [...(options.answers ?? [])];
  const questions: string[] = [];
  const out: string[] = [];
  const err: string[] = [];
  let handler: (() => void) | undefined;
  const io: CommandIo = {
    stdout: (text) => {
      out.push(text);
      if (options.ctrlCOn && text.includes(options.ctrlCOn)) handler?.();
    },
    stderr: (text) => void err.push(text),
    isTTY: options.isTTY ?? false,
    pollMs: 0,
    confirm: async () => options.confirm ?? false,
    ask: async (question) => {
      questions.push(question);
      return answers.shift();
    },
    onInterrupt: (h) => {
      handler = h;
      return () => (handler = undefined);
    },
  };
  return {
    io,
    stdout: () => out.join(""),
    stderr: () => err.join(""),
    pressCtrlC: () => handler?.(),
    questions,
  };
}

export const STACK = {
  region: "ap-northeast-1",
  account: "123456789012",
  cluster: "fargate-access-dev",
  service: "fargate-access-dev-service",
  container: "app",
  logGroup: "/fargate-access/dev/workload",
  stateMachineArn: "arn:aws:states:ap-northeast-1:123456789012:stateMachine:fargate-access-dev",
  sfnOperatorRole: "arn:aws:iam::123456789012:role/fargate-access-dev-sfn-operator",
  execOperatorRole: "arn:aws:iam::123456789012:role/fargate-access-dev-exec-operator",
  smOperatorRole: "arn:aws:iam::123456789012:role/fargate-access-dev-sm-operator",
};

/**
 * The state machine definition the component deploys for STACK (sessionManager selected: its
 * one-off switch), which the fake Step Functions runs for every StartExecution.
 */
export const STACK_DEFINITION = buildRunTaskDefinition({
  clusterArn: `arn:aws:ecs:${STACK.region}:${STACK.account}:cluster/${STACK.cluster}`,
  taskDefinitionFamily: STACK.cluster,
  containerName: STACK.container,
  subnetIds: ["subnet-0123abcd"],
  securityGroupIds: ["sg-0123abcd"],
  capacityProvider: "FARGATE",
  timeoutSeconds: 3600,
  runEnvironment: [{ Name: "FA_ONE_OFF", Value: "1" }],
});

/** Outputs as `pulumi stack output --json` prints them for the dev stack with every strategy. */
export function stackOutputs(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    strategies: ["ecsExec", "sessionManager", "stepFunctions"],
    clusterName: STACK.cluster,
    serviceName: STACK.service,
    taskRoleArn: `arn:aws:iam::${STACK.account}:role/task`,
    stepFunctionsStateMachineArn: STACK.stateMachineArn,
    stepFunctionsOperatorRoleArn: STACK.sfnOperatorRole,
    ecsExecOperatorRoleArn: STACK.execOperatorRole,
    sessionManagerOperatorRoleArn: STACK.smOperatorRole,
    containerLogGroupName: STACK.logGroup,
    ecsExecCommand: `aws ecs execute-command --region ${STACK.region} --cluster ${STACK.cluster} --task "$TASK" --container ${STACK.container} --interactive --command "sh"`,
    sessionManagerStartCommand: `INSTANCE_ID=$(aws ssm describe-instance-information --filters "Key=tag:fargate-access:stack,Values=fargate-access/dev" --query 'InstanceInformationList[0].InstanceId' --output text) && aws ssm start-session --region ${STACK.region} --target "$INSTANCE_ID" --document-name fargate-access-dev-shell   # or: aws ssm send-command --document-name AWS-RunShellScript`,
    ...overrides,
  };
}

type ClientClass = { prototype: { send: unknown } };

/**
 * Other test files install aws-sdk-client-mock stubs on client prototypes when mocha loads
 * them, and those stay until their own tests end. End-to-end tests need the real `send`: this
 * puts the original back for the duration of a suite (sinon keeps it as `wrappedMethod`).
 */
export function useRealSdkSend(clients: ClientClass[]): void {
  const saved: { client: ClientClass; stub: unknown }[] = [];
  before(() => {
    for (const client of clients) {
      const send = client.prototype.send as { wrappedMethod?: unknown };
      if (send.wrappedMethod) {
        saved.push({ client, stub: send });
        client.prototype.send = send.wrappedMethod;
      }
    }
  });
  after(() => {
    for (const { client, stub } of saved.splice(0)) client.prototype.send = stub;
  });
}
