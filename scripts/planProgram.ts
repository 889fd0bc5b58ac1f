import type { OfflineRun } from "../offline/runOffline";
import { deferPulumiModules } from "../offline/deferredModules";
import { ForeignProject, namespaced } from "../offline/foreignProject";
import { listStacks, readStackConfigFile, UsageError } from "../offline/stackFiles";

/**
 * The stacks of another team's program to check: `--stack NAME` (its Pulumi.NAME.yaml must be
 * there), every stack file with `--all`, else its only stack file; a program with no stack file
 * runs as stack `dev` with no config. Several files and neither flag: refused, naming them.
 */
export function foreignStacks(
  project: ForeignProject,
  stack: string | undefined,
  all: boolean,
): string[] {
  const stacks = listStacks(project.stackDir);
  if (stack !== undefined) {
    readStackConfigFile(stack, project.stackDir); // refuses an unknown stack, naming the known ones
    return [stack];
  }
  if (stacks.length <= 1 || all) {
    return stacks.length === 0 ? ["dev"] : stacks;
  }
  throw new UsageError(
    `Program ${project.name} has several stacks (${stacks.join(", ")}); choose one with --stack NAME, or check them all with --all.`,
  );
}

/**
 * The config the engine gives the program for `stack`: the project's defaults (Pulumi.yaml
 * `config:`), overridden by the stack file's `config:`, each bare key in the project's namespace.
 */
export function foreignConfig(project: ForeignProject, stack: string): Record<string, string> {
  const fromStack = listStacks(project.stackDir).includes(stack)
    ? readStackConfigFile(stack, project.stackDir)
    : {};
  const config = { ...project.defaults };
  for (const [key, value] of Object.entries(fromStack)) {
    config[namespaced(project.name, key)] = value;
  }
  return config;
}

/**
 * Runs another team's program offline for one stack under the generic mocks: compiled with
 * esbuild, its `@pulumi/*` imports bound to this project's modules (so the mocks apply).
 */
export async function planForeignProgram(
  project: ForeignProject,
  stack: string,
): Promise<OfflineRun> {
  const config = foreignConfig(project, stack);
  deferPulumiModules();
  const [{ compileForeignProgram, runForeignModule, programFailure }, { runOffline }, mocks] =
    await Promise.all([
      import("../offline/foreignProgram"),
      import("../offline/runOffline"),
      import("../offline/genericMocks"),
    ]);
  const code = compileForeignProgram(project);
  const region = config["aws:region"] ?? "us-east-1";
  try {
    return await runOffline(() => runForeignModule(project, code) as Record<string, unknown>, {
      stack,
      config,
      project: project.name,
      mocks: mocks.genericMocks(region),
    });
  } catch (error) {
    throw programFailure(project, error);
  }
}
