import * as pulumi from "@pulumi/pulumi";
import { PROJECT_NAME } from "../lib/projectName";
import { InvokeAnswers, awsMocks } from "./awsMocks";
import { RecordedResource, RecordingMonitor } from "./recordingMonitor";

export interface OfflineRunOptions {
  stack: string;
  /** Engine-style config: `namespace:key` → string (JSON for structured values). */
  config: Record<string, string>;
  /** Run as a preview (unknown values stay unknown). Default false. */
  preview?: boolean;
  /** Answers provider function calls (invokes) before the built-in mocks, e.g. a fake VPC. */
  invokes?: InvokeAnswers;
  /** The project name in URNs and `pulumi.getProject()`. Default this project's. */
  project?: string;
  /** The mock provider. Default {@link awsMocks} for the region (with `invokes`). */
  mocks?: pulumi.runtime.Mocks;
}

export interface OfflineRun {
  resources: RecordedResource[];
  outputs: Record<string, unknown>;
  /** Warnings the program logged (e.g. an unpinned image). */
  warnings: string[];
}

// The runtime's own RPC queue; not in its typings, but the only way to know all registrations
// have been answered (resources nothing depends on would otherwise be missed).
const settings = require("@pulumi/pulumi/runtime/settings") as { waitForRPCs(): Promise<void> };

type DebuggablePromise = (promise: Promise<unknown>, context: unknown) => Promise<unknown>;
// Also internal: every call the runtime makes goes through this module's export.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const debuggable = require("@pulumi/pulumi/runtime/debuggable") as {
  debuggablePromise: DebuggablePromise;
  debugPromiseLeaks: boolean;
};

/**
 * Runs `body` with the runtime's promises made without a stack trace. `debuggablePromise` stores
 * `new Error().stack` on each of the thousands of promises a plan makes, printed only in the
 * leak report of PULUMI_DEBUG_PROMISE_LEAKS (then left alone): capturing and formatting those
 * stacks took over a third of a plan's CPU. Other errors keep their stack traces.
 */
async function withoutPromiseStacks<T>(body: () => Promise<T>): Promise<T> {
  const original = debuggable.debuggablePromise;
  if (debuggable.debugPromiseLeaks) {
    return body();
  }
  debuggable.debuggablePromise = (promise, context) => {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    try {
      return original(promise, context);
    } finally {
      Error.stackTraceLimit = limit;
    }
  };
  try {
    return await body();
  } finally {
    debuggable.debuggablePromise = original;
  }
}

/** The SDK's run state (runtime/state.ts; not in its declarations). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const sdkState = require("@pulumi/pulumi/runtime/state") as {
  getStore(): { supportsAliasSpecs: boolean };
};

/**
 * Runs the real program under Pulumi mocks with the given stack config and returns what it
 * registered. Needs no AWS account and no Pulumi CLI. One run at a time per process.
 */
export async function runOffline(
  // What a program returns for its outputs: its exports, or a promise of them (an async program).
  program: () => pulumi.Input<Record<string, unknown>> | Record<string, pulumi.Input<unknown>>,
  options: OfflineRunOptions,
): Promise<OfflineRun> {
  const region = options.config["aws:region"] ?? "us-east-1";
  const monitor = new RecordingMonitor(options.mocks ?? awsMocks(region, options.invokes));
  const project = options.project ?? PROJECT_NAME;
  pulumi.runtime.setMockOptions(monitor, project, options.stack, options.preview ?? false);
  // The engine takes aliases as specs (its SupportsFeature("aliasSpecs") is true, as the mock
  // monitor's is), so the SDK sends them unresolved and the engine multiplies them out
  // (offline/engineUrns.ts). setMockOptions alone leaves the SDK on the older path (alias URNs
  // it computes itself), which a `pulumi up` no longer takes. Only this feature is switched on:
  // the others change how inputs are recorded.
  sdkState.getStore().supportsAliasSpecs = true;
  pulumi.runtime.setAllConfig(options.config);

  const warnings: string[] = [];
  const originalWarn = pulumi.log.warn;
  pulumi.log.warn = (message: string) => {
    warnings.push(message);
    return Promise.resolve();
  };
  // A check that needs a lookup (a ResourceError thrown in an apply that feeds a resource's
  // inputs) fails that resource's registration; `pulumi up` then stops with the error, as the
  // plan does here.
  const failures: unknown[] = [];
  const onRejection = (reason: unknown) => failures.push(reason);
  process.on("unhandledRejection", onRejection);
  try {
    return await withoutPromiseStacks(async () => {
      // An async program's promise is awaited first: if it rejects, its error is the run's.
      const exported = await program();
      const outputs = await new Promise<Record<string, unknown>>((resolve) =>
        pulumi.output(exported).apply((values) => resolve(values as Record<string, unknown>)),
      );
      await settings.waitForRPCs();
      await new Promise((resolve) => setImmediate(resolve));
      if (failures.length > 0) throw failures[0];
      return { resources: [...monitor.recorded], outputs, warnings };
    });
  } finally {
    process.off("unhandledRejection", onRejection);
    pulumi.log.warn = originalWarn;
  }
}
