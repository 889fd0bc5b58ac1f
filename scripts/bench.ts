import { spawn } from "child_process";
import * as fs from "fs";
import { performance } from "perf_hooks";
import { buildStack } from "../program";
import { PolicyPackProcess } from "../offline/analyzerClient";
import { POLICY_PACK_DIR } from "../offline/policyCheck";
import { RecordedResource } from "../offline/recordingMonitor";
import { runOffline } from "../offline/runOffline";
import { PROJECT_ROOT, readStackConfigFile } from "../offline/stackFiles";
import { scriptMain, ScriptSpec } from "./args";
import { runMain } from "./failAndExit";

const STACKS = ["dev", "prod"];
/** How many times each stack measurement is repeated; the median is printed. */
const REPEATS = 5;
/** Synthetic pack sizes and how often each is repeated (the largest once: it takes a while). */
const PACK_SIZES: [size: number, repeats: number][] = [
  [1_000, 5],
  [10_000, 3],
  [50_000, 1],
];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
}

/** `VmHWM` (peak resident set) of a live process in MiB; 0 where /proc is not readable. */
function peakRssMiB(pid: number): number {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, "utf8");
    return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
  } catch {
    return 0;
  }
}

/**
 * CPU time (user + system) a live process has used, in ms, from /proc (clock ticks of 10 ms, the
 * usual USER_HZ of Linux); 0 where /proc is not readable.
 */
function cpuMs(pid: number): number {
  try {
    const fields = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/** This process's CPU time (user + system) in ms. */
function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Every live process id under `root` (itself included), from /proc; just `root` elsewhere. */
function processTree(root: number): number[] {
  const tree = [root];
  for (let i = 0; i < tree.length; i++) {
    try {
      for (const thread of fs.readdirSync(`/proc/${tree[i]}/task`)) {
        const children = fs.readFileSync(`/proc/${tree[i]}/task/${thread}/children`, "utf8");
        tree.push(...children.split(" ").filter(Boolean).map(Number));
      }
    } catch {
      // The process ended while its children were read.
    }
  }
  return tree;
}

/**
 * Runs a command as a user types it; returns its wall time and peak memory: the sum over every
 * process it started of that process's own peak resident set (sampled every 20 ms, so an upper
 * bound of the true simultaneous peak; processes shorter than 20 ms are missed).
 */
async function measureCommand(command: string, args: string[]): Promise<[number, number]> {
  const start = performance.now();
  const child = spawn(command, args, { cwd: PROJECT_ROOT, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const peaks = new Map<number, number>();
  const sample = () => {
    for (const pid of processTree(child.pid ?? 0)) {
      peaks.set(pid, Math.max(peaks.get(pid) ?? 0, peakRssMiB(pid)));
    }
  };
  const timer = setInterval(sample, 20);
  sample();
  const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
  clearInterval(timer);
  const wall = performance.now() - start;
  if (code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited with ${code}: ${stderr}`);
  }
  return [wall, [...peaks.values()].reduce((sum, peak) => sum + peak, 0)];
}

/** `count` resources made of copies of a real plan's resources, each with its own URN. */
function syntheticResources(template: RecordedResource[], count: number): RecordedResource[] {
  return Array.from({ length: count }, (_, index) => {
    const source = template[index % template.length];
    const copy = Math.floor(index / template.length);
    return {
      ...source,
      name: `${source.name}-${copy}`,
      urn: `${source.urn}-${copy}`,
      parent: source.parent ? `${source.parent}-${copy}` : "",
    };
  });
}

/** The 1-minute load average (other work on the machine slows every wall time here). */
function loadAverage(): string {
  return fs.existsSync("/proc/loadavg")
    ? fs.readFileSync("/proc/loadavg", "utf8").split(" ")[0]
    : "n/a";
}

const ms = (value: number) => `${value.toFixed(0)} ms`;
const mib = (value: number) => `${value.toFixed(0)} MiB`;

/** One table row per stack: the user command, the plan alone, the pack alone. */
async function benchStack(stack: string, repeats: number): Promise<RecordedResource[]> {
  const walls: number[] = [];
  const peaks: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const [wall, peak] = await measureCommand("npm", ["run", "check", "--", "--stack", stack]);
    walls.push(wall);
    peaks.push(peak);
  }
  const config = readStackConfigFile(stack);
  const planTimes: number[] = [];
  const packTimes: number[] = [];
  let resources: RecordedResource[] = [];
  for (let i = 0; i < repeats; i++) {
    const [planMs, run] = await timed(() => runOffline(buildStack, { stack, config }));
    resources = run.resources;
    planTimes.push(planMs);
    const [packMs] = await timed(async () => {
      const pack = await PolicyPackProcess.start(POLICY_PACK_DIR);
      try {
        return await pack.analyze(resources);
      } finally {
        pack.stop();
      }
    });
    packTimes.push(packMs);
  }
  console.log(
    `| ${stack} | ${resources.length} | ${ms(median(walls))} | ${mib(median(peaks))} | ` +
      `${ms(median(planTimes))} | ${ms(median(packTimes))} |`,
  );
  return resources;
}

/**
 * One row per size: the pack (a fresh process) over that many resources. Besides the wall time,
 * the CPU time of the pack and of this (client) process: on a shared machine the wall time
 * follows the other load, the CPU times much less.
 */
async function benchPackSize(
  template: RecordedResource[],
  size: number,
  repeats: number,
): Promise<void> {
  const resources = syntheticResources(template, size);
  const times: number[] = [];
  const packCpu: number[] = [];
  const clientCpu: number[] = [];
  let packPeak = 0;
  let findings = 0;
  for (let i = 0; i < repeats; i++) {
    const pack = await PolicyPackProcess.start(POLICY_PACK_DIR);
    try {
      const [packBefore, clientBefore] = [cpuMs(pack.pid), ownCpuMs()];
      const [time, result] = await timed(() => pack.analyze(resources));
      times.push(time);
      packCpu.push(cpuMs(pack.pid) - packBefore);
      clientCpu.push(ownCpuMs() - clientBefore);
      findings = result.length;
      packPeak = Math.max(packPeak, peakRssMiB(pack.pid));
    } finally {
      pack.stop();
    }
  }
  const time = median(times);
  console.log(
    `| ${size.toLocaleString("en-US")} | ${repeats} | ${ms(time)} | ` +
      `${((time * 1000) / size).toFixed(0)} µs | ${mib(packPeak)} | ` +
      `${ms(median(packCpu))} | ${ms(median(clientCpu))} | ` +
      `${mib(process.memoryUsage().rss / 2 ** 20)} | ${findings} | ${loadAverage()} |`,
  );
}

export const BENCH_SPEC: ScriptSpec = {
  command: "npm run bench",
  summary:
    "Measures, for the dev and prod stacks, `npm run check` as typed (wall time, peak memory of its processes), the plan alone and the pack alone; then the pack over 1,000 / 10,000 / 50,000 resources. Medians; prints tables, asserts nothing.",
  flags: [{ name: "quick", help: "one run, the dev stack, 100 resources (for tests)" }],
};

/**
 * `npm run bench [-- --quick]`: for the dev and prod stacks, the user command as typed
 * (`npm run check -- --stack <s>`, unchanged tree) with its wall time and peak memory across its
 * processes, the offline plan alone and the policy pack alone; then the pack over 1,000 / 10,000
 * / 50,000 resources with the time per resource. Medians; prints a table, asserts nothing.
 * `--quick` (for tests): one run, the dev stack's plan and pack, 100 resources.
 */
export const main = scriptMain(BENCH_SPEC, async (args) => {
  const { flags } = args;
  const quick = flags.has("quick");
  console.log(
    `node ${process.version}, ${quick ? 1 : REPEATS} runs per stack (median); load average ` +
      loadAverage(),
  );
  let template: RecordedResource[] = [];
  if (quick) {
    const run = await runOffline(buildStack, { stack: "dev", config: readStackConfigFile("dev") });
    template = run.resources;
  } else {
    console.log("\n| stack | resources | `npm run check` wall | its peak memory | plan | pack |");
    console.log("|---|---|---|---|---|---|");
    for (const stack of STACKS) {
      template = await benchStack(stack, REPEATS);
    }
  }
  console.log(
    "\n| resources | runs | pack time | per resource | pack peak | pack CPU | client CPU | bench rss | findings | load |",
  );
  console.log("|---|---|---|---|---|---|---|---|---|---|");
  for (const [size, repeats] of quick ? ([[100, 1]] as const) : PACK_SIZES) {
    try {
      await benchPackSize(template, size, repeats);
    } catch (error) {
      console.log(`| ${size.toLocaleString("en-US")} | failed: ${(error as Error).message} |`);
    }
  }
  return 0;
});

if (require.main === module) {
  void runMain(main);
}
