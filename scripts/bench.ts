import { performance } from "perf_hooks";
import { buildStack } from "../program";
import { PolicyPackProcess } from "../offline/analyzerClient";
import { POLICY_PACK_DIR } from "../offline/policyCheck";
import { RecordedResource } from "../offline/recordingMonitor";
import { runOffline } from "../offline/runOffline";
import { listStacks, readStackConfigFile } from "../offline/stackFiles";
import { ScriptSpec, helpText, parseArgs } from "./args";
import { failAndExit } from "./failAndExit";

/** How many times each measurement is repeated; the median is printed. */
const REPEATS = 5;
const PACK_SIZES = [100, 1_000, 10_000];

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const result = await work();
  return [performance.now() - start, result];
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

export const BENCH_SPEC: ScriptSpec = {
  command: "npm run bench",
  summary:
    "Measures the offline plan of every stack, the policy pack over those plans and over 100 / 1,000 / 10,000 resources, and peak memory (medians; asserts nothing).",
  flags: [],
};

/**
 * `npm run bench`: wall time of the offline plan of every example stack, of the policy pack over
 * those plans, and of the pack over 100 / 1,000 / 10,000 resources; and this process's peak
 * memory. Medians of several runs; prints numbers, asserts nothing.
 */
async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2), BENCH_SPEC);
  if (args.help) {
    console.log(helpText(BENCH_SPEC));
    return;
  }
  console.log(`node ${process.version}, ${REPEATS} runs each, median wall time`);
  const pack = await PolicyPackProcess.start(POLICY_PACK_DIR);
  try {
    let template: RecordedResource[] = [];
    for (const stack of listStacks()) {
      const config = readStackConfigFile(stack);
      const planTimes: number[] = [];
      const checkTimes: number[] = [];
      for (let i = 0; i < REPEATS; i++) {
        const [planMs, run] = await timed(() => runOffline(buildStack, { stack, config }));
        const [checkMs] = await timed(() => pack.analyze(run.resources));
        planTimes.push(planMs);
        checkTimes.push(checkMs);
        template = run.resources;
      }
      console.log(
        `plan ${stack}: ${template.length} resources, ${median(planTimes).toFixed(0)} ms; ` +
          `policy check: ${median(checkTimes).toFixed(0)} ms`,
      );
    }
    for (const size of PACK_SIZES) {
      const resources = syntheticResources(template, size);
      const times: number[] = [];
      let outcome = "";
      for (let i = 0; i < REPEATS; i++) {
        try {
          const [ms, findings] = await timed(() => pack.analyze(resources));
          times.push(ms);
          outcome = `${findings.length} findings`;
        } catch (error) {
          outcome = `failed: ${(error as Error).message}`;
          break;
        }
      }
      const time = times.length ? `${median(times).toFixed(0)} ms` : "n/a";
      console.log(`policy pack over ${size} resources: ${time} (${outcome})`);
    }
  } finally {
    pack.stop();
  }
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(`peak resident memory of this process: ${peakMiB.toFixed(0)} MiB`);
}

main().catch(failAndExit);
