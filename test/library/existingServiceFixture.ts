import * as pulumi from "@pulumi/pulumi";
import { awsMocks } from "../../offline/awsMocks";
import { OfflineRun, runOffline } from "../../offline/runOffline";
import type { ExistingService } from "../../library";

export const REGION = "ap-northeast-1";
const ACCOUNT = "123456789012";

/** A team's service, built elsewhere, as another program passes it: plain names and ARNs. */
export function existingService(overrides: Partial<ExistingService> = {}): ExistingService {
  return {
    clusterName: "team-cluster",
    serviceName: "team-service",
    containerName: "app",
    taskDefinitionFamily: "team-task",
    taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/team/app-task`,
    executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/app-execution`,
    containerLogGroupName: "/team/app",
    subnetIds: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
    securityGroupId: "sg-0a1b2c3d4e5f60003",
    ...overrides,
  };
}

/** The team's container definitions: one container with settings the patch must keep. */
export const TEAM_CONTAINERS = JSON.stringify([
  {
    name: "app",
    image: `${ACCOUNT}.dkr.ecr.${REGION}.amazonaws.com/app:1.4.2`,
    command: ["/usr/local/bin/cron-foreground"],
    environment: [{ name: "APP_ENV", value: "production" }],
    linuxParameters: { capabilities: { drop: ["ALL"] } },
  },
  { name: "sidecar", image: "public.ecr.aws/docker/library/busybox:1.37" },
]);

export interface LibraryRun extends OfflineRun {
  /** How many resources the program asked the (mock) provider for. */
  registered: number;
}

/** The built-in AWS mocks, counting the resources they are asked for. */
function countingMocks(): { mocks: pulumi.runtime.Mocks; registered: () => number } {
  const base = awsMocks(REGION);
  let registered = 0;
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      registered++;
      return base.newResource(args);
    },
    call: (args) => base.call(args),
  };
  return { mocks, registered: () => registered };
}

/** A program under mocks: its outputs, or a promise of them (one that awaits a construct). */
type Program = () => Record<string, pulumi.Input<unknown>> | Promise<Record<string, unknown>>;

function run(program: Program, mocks: pulumi.runtime.Mocks): Promise<OfflineRun> {
  return runOffline(program, {
    stack: "team",
    project: "team-app",
    config: { "aws:region": REGION },
    mocks,
  });
}

/**
 * Runs a program that uses the library, under mocks, in a stack of its own (no config of this
 * project); counts what reaches the provider.
 */
export async function runLibrary(program: Program): Promise<LibraryRun> {
  const counting = countingMocks();
  const result = await run(program, counting.mocks);
  return { ...result, registered: counting.registered() };
}

/** Runs a program expected to fail; returns its error and how much reached the provider. */
export async function failingLibrary(
  program: Program,
): Promise<{ error: Error; registered: number }> {
  const counting = countingMocks();
  try {
    await run(program, counting.mocks);
  } catch (error) {
    return { error: error as Error, registered: counting.registered() };
  }
  throw new Error("the program was expected to fail");
}
