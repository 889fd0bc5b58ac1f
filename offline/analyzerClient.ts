import { ChildProcess, spawn } from "child_process";
import * as nodeModule from "module";
import * as path from "path";
import type * as grpcTypes from "@grpc/grpc-js";
import {
  BinaryWriter,
  encode,
  encodeStackRequestInSlices,
  writeResource,
} from "./analyzerEncoding";
import { GrpcUnaryChannel } from "./grpcUnary";
import { RecordedResource } from "./recordingMonitor";
import { didYouMean } from "../lib/suggest";
import { RuleConfigSchema, policyConfigProblems } from "./policyConfigSchema";
import { WeakenedRule, weakenedMandatoryRules, weakeningProblem } from "./policyConfigReview";
import { EnforcementLevel, LEVELS, PolicyPackConfig } from "./policyConfigTypes";
import { UsageError } from "./stackFiles";
import { requireBesidePulumi } from "./requireBesidePulumi";

/* eslint-disable @typescript-eslint/no-explicit-any */
/** Client stubs and messages of the Analyzer protocol, as the Pulumi CLI speaks it to a pack. */
interface Protocol {
  grpc: typeof grpcTypes;
  analyzerGrpc: any;
  analyzerProto: any;
  Struct: any;
  Empty: any;
  BinaryWriter: new () => BinaryWriter;
  BinaryReader: new (bytes: Uint8Array) => BinaryReader;
}

/** The subset of jspb.BinaryReader used to read responses. */
interface BinaryReader {
  nextField(): boolean;
  isEndGroup(): boolean;
  getFieldNumber(): number;
  skipField(): void;
  readMessage(message: unknown, read: (message: unknown, reader: BinaryReader) => void): void;
}
/* eslint-enable @typescript-eslint/no-explicit-any */

let loadedProtocol: Protocol | undefined;

/** Loaded on first use, not on import: the pack's process starts first and loads meanwhile. */
function protocol(): Protocol {
  return (loadedProtocol ??= {
    grpc: requireBesidePulumi("@grpc/grpc-js"),
    analyzerGrpc: requireBesidePulumi("@pulumi/pulumi/proto/analyzer_grpc_pb"),
    analyzerProto: requireBesidePulumi("@pulumi/pulumi/proto/analyzer_pb"),
    Struct: requireBesidePulumi<{ Struct: unknown }>("google-protobuf/google/protobuf/struct_pb")
      .Struct,
    Empty: requireBesidePulumi<{ Empty: unknown }>("google-protobuf/google/protobuf/empty_pb")
      .Empty,
    BinaryWriter:
      requireBesidePulumi<Pick<Protocol, "BinaryWriter">>("google-protobuf").BinaryWriter,
    BinaryReader:
      requireBesidePulumi<Pick<Protocol, "BinaryReader">>("google-protobuf").BinaryReader,
  });
}

export type { EnforcementLevel, PolicyPackConfig } from "./policyConfigTypes";

/** A policy config that names an unknown rule or level: a usage mistake, shown without a stack. */
export class PolicyConfigError extends UsageError {
  override name = "PolicyConfigError";
}

/** One finding of the pack, as the CLI would print it. */
export interface Finding {
  policyName: string;
  enforcementLevel: EnforcementLevel;
  message: string;
  urn: string;
}

export interface Diagnostic {
  getPolicyname(): string;
  getEnforcementlevel(): number;
  getMessage(): string;
  getUrn(): string;
}

type Call<Req, Res> = (
  request: Req,
  options: { deadline: number },
  callback: (err: Error | null, response: Res) => void,
) => void;

/** Analyze calls in flight at once: enough to keep the pack busy, bounded so memory is too. */
const ANALYZE_CONCURRENCY = 32;

/** Runs `work` on every item with at most `limit` running at a time. */
export async function inParallel<T>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      await work(items[next++]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** How long one Analyzer call may take before the check fails instead of hanging. */
const CALL_DEADLINE_MS = 20_000;
/** AnalyzeStack gets this much more per resource: 50,000 resources take over 20 s on 2 cores. */
const STACK_DEADLINE_MS_PER_RESOURCE = 2;

/** Node ≥ 22.1's on-disk module compile cache of this process, passed on to the pack's process. */
function compileCacheEnv(): NodeJS.ProcessEnv {
  const directory = (
    nodeModule as { getCompileCacheDir?: () => string | undefined }
  ).getCompileCacheDir?.();
  return directory ? { ...process.env, NODE_COMPILE_CACHE: directory } : process.env;
}

/** Node flags of every pack process: Pulumi's modules it never uses load only if used. */
const PACK_PRELOAD = ["--require", path.join(__dirname, "deferredModulesPreload.js")];

/**
 * Node flags for a pack process that checks one stack or a few (npm run check / plan): a young
 * generation of at most 3 × 1 MiB instead of 3 × 16, which is most of a short check's peak
 * memory. Not for tens of thousands of resources, where the larger one is faster.
 */
export const SMALL_CHECK_FLAGS = ["--max-semi-space-size=1"];

/** How long the pack may take to print its port before the check gives up on it. */
export const START_TIMEOUT_MS = 30_000;

/**
 * The compiled policy pack as its own process (started exactly as the Pulumi CLI starts it: it
 * prints the port of its Analyzer gRPC server), fed resources over that protocol. The process
 * starts when this object is made, so it loads while the caller does other work (the plan);
 * calls wait until it listens.
 */
export class PolicyPackProcess {
  private readonly child: ChildProcess;
  private readonly client: Promise<Record<string, Call<unknown, unknown>>>;
  /** Analyze and AnalyzeStack calls, thousands per check, skip grpc-js's client (grpcUnary.ts). */
  private readonly channel: Promise<GrpcUnaryChannel>;

  constructor(
    packDir: string,
    timeoutMs = START_TIMEOUT_MS,
    entry = path.join(packDir, "bin", "index.js"),
    nodeFlags: string[] = [],
  ) {
    this.child = spawn(process.execPath, [...PACK_PRELOAD, ...nodeFlags, entry], {
      cwd: packDir,
      stdio: ["ignore", "pipe", "pipe"],
      env: compileCacheEnv(),
    });
    const child = this.child;
    let timer: NodeJS.Timeout | undefined;
    const port = new Promise<string>((resolve, reject) => {
      let stderr = "";
      let stdout = "";
      timer = setTimeout(() => {
        child.kill();
        reject(
          new Error(
            `policy pack in ${packDir} printed no port within ${timeoutMs} ms; is it built (npm run build) and does it start? ${stderr}`.trim(),
          ),
        );
      }, timeoutMs);
      child.stderr?.on("data", (chunk) => (stderr += chunk));
      // The pack announces its port as a line of digits; anything else it prints is skipped.
      child.stdout?.on("data", (chunk) => {
        stdout += chunk;
        const port = /^(\d+)$/m.exec(stdout);
        if (port) resolve(port[1]);
      });
      child.once("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
      child.once("error", reject);
    }).finally(() => clearTimeout(timer));
    this.client = port.then((number) => {
      const { analyzerGrpc, grpc } = protocol();
      return new analyzerGrpc.AnalyzerClient(
        `127.0.0.1:${number}`,
        grpc.credentials.createInsecure(),
      );
    });
    this.channel = port.then((number) => new GrpcUnaryChannel(`127.0.0.1:${number}`));
    // A failed start surfaces at the first call; until then it is not an unhandled rejection.
    this.client.catch(() => undefined);
    this.channel.catch(() => undefined);
  }

  /** Starts the pack and waits until it listens (or `timeoutMs` passes without its port). */
  static async start(
    packDir: string,
    timeoutMs = START_TIMEOUT_MS,
    entry?: string,
  ): Promise<PolicyPackProcess> {
    const pack = new PolicyPackProcess(packDir, timeoutMs, entry);
    await pack.client;
    return pack;
  }

  /** The pack process's id (for measuring its memory). */
  get pid(): number {
    return this.child.pid ?? 0;
  }

  private async call<Res>(
    method: string,
    request: unknown,
    deadlineMs = CALL_DEADLINE_MS,
  ): Promise<Res> {
    const client = await this.client;
    return new Promise((resolve, reject) =>
      client[method].call(
        client,
        request,
        { deadline: Date.now() + deadlineMs },
        (err, response) =>
          err
            ? reject(new Error(`policy pack ${method} failed: ${err.message}`))
            : resolve(response as Res),
      ),
    );
  }

  /** A call whose request is already protobuf bytes (analyzerEncoding.ts). */
  private async callEncoded(
    method: "analyze" | "analyzeStack",
    bytes: Buffer,
    deadlineMs = CALL_DEADLINE_MS,
  ): Promise<Diagnostic[]> {
    const channel = await this.channel;
    const { path } = protocol().analyzerGrpc.AnalyzerService[method] as { path: string };
    try {
      return diagnosticsOf(await channel.call(path, bytes, deadlineMs));
    } catch (error) {
      throw new Error(`policy pack ${method} failed: ${(error as Error).message}`);
    }
  }

  /** The pack's policies, their default enforcement levels and their config schemas. */
  async policies(): Promise<
    { name: string; enforcementLevel: EnforcementLevel; configSchema?: RuleConfigSchema }[]
  > {
    const info = await this.call<{
      getPoliciesList(): {
        getName(): string;
        getEnforcementlevel(): number;
        getConfigschema():
          | {
              getProperties(): { toJavaScript(): Record<string, unknown> } | undefined;
              getRequiredList(): string[];
            }
          | undefined;
      }[];
    }>("getAnalyzerInfo", new (protocol().Empty)());
    return info.getPoliciesList().map((policy) => {
      const schema = policy.getConfigschema();
      return {
        name: policy.getName(),
        enforcementLevel: LEVELS[policy.getEnforcementlevel()],
        configSchema: schema && {
          properties: schema.getProperties()?.toJavaScript() ?? {},
          required: schema.getRequiredList(),
        },
      };
    });
  }

  /**
   * Sends per-rule settings (`Configure`), in the shape `--policy-pack-config` takes: a rule name
   * mapped to an enforcement level, or to an object of properties and an optional level. A
   * mandatory rule set to advisory or disabled is refused unless `allowWeakening`; resolves to
   * the rules so weakened.
   */
  async configure(config: PolicyPackConfig, allowWeakening = false): Promise<WeakenedRule[]> {
    const policies = await this.policies();
    const defaults = new Map(policies.map((p) => [p.name, p.enforcementLevel]));
    const schemas = new Map(policies.map((p) => [p.name, p.configSchema]));
    const problems: string[] = [];
    const { analyzerProto } = protocol();
    const request = new analyzerProto.ConfigureAnalyzerRequest();
    const entries = request.getPolicyconfigMap();
    for (const [name, value] of Object.entries(config)) {
      const defaultLevel = defaults.get(name);
      if (defaultLevel === undefined) {
        problems.push(
          `policy config: ${JSON.stringify(name)} is not a rule of this pack.${didYouMean(name, [...defaults.keys()])} Use one of ${[...defaults.keys()].join(", ")}.`,
        );
        continue;
      }
      const { enforcementLevel = defaultLevel, ...properties } =
        typeof value === "string" ? { enforcementLevel: value } : value;
      if (!LEVELS.includes(enforcementLevel as EnforcementLevel)) {
        problems.push(
          `policy config: ${name}: enforcement level ${JSON.stringify(enforcementLevel)} is not allowed; use one of ${LEVELS.join(", ")}.`,
        );
        continue;
      }
      problems.push(...policyConfigProblems(name, schemas.get(name), properties));
      const entry = new analyzerProto.PolicyConfig();
      entry.setEnforcementlevel(LEVELS.indexOf(enforcementLevel as EnforcementLevel));
      entry.setProperties(toStruct(properties));
      entries.set(name, entry);
    }
    const weakened = weakenedMandatoryRules(config, defaults);
    if (!allowWeakening) {
      problems.push(...weakened.map(weakeningProblem));
    }
    if (problems.length > 0) {
      throw new PolicyConfigError(problems.join("\n"));
    }
    await this.call("configure", request);
    return weakened;
  }

  /** Per-resource checks (`Analyze`) for every resource, then the stack checks (`AnalyzeStack`). */
  async analyze(resources: RecordedResource[]): Promise<Finding[]> {
    const findings: Finding[] = [];
    const collect = (diagnostics: Diagnostic[], fallbackUrn: string) => {
      for (const diagnostic of diagnostics) {
        findings.push({
          policyName: diagnostic.getPolicyname(),
          enforcementLevel: LEVELS[diagnostic.getEnforcementlevel()],
          message: diagnostic.getMessage(),
          urn: diagnostic.getUrn() || fallbackUrn,
        });
      }
    };
    const { BinaryWriter: Writer } = protocol();
    const stackRequest = resources.map((resource) => ({
      ...resource,
      // As the engine does after registration: the state (inputs and outputs such as `arn`).
      properties: { ...resource.inputs, ...resource.outputs, id: resource.id },
    }));
    // Written while the Analyze calls run; sent only once they are all answered, as the engine
    // sends AnalyzeStack after every resource's Analyze.
    const stackBytes = encodeStackRequestInSlices(Writer, stackRequest);
    stackBytes.catch(() => undefined); // awaited below; not unhandled if an Analyze call fails
    await inParallel(resources, ANALYZE_CONCURRENCY, async (resource) => {
      const request = {
        ...resource,
        properties: resource.inputs,
        parent: "",
        dependencies: [],
        propertyDependencies: {},
      };
      const diagnostics = await this.callEncoded("analyze", encode(Writer, request, writeResource));
      collect(diagnostics, resource.urn);
    });
    const stackDiagnostics = await this.callEncoded(
      "analyzeStack",
      await stackBytes,
      CALL_DEADLINE_MS + resources.length * STACK_DEADLINE_MS_PER_RESOURCE,
    );
    collect(stackDiagnostics, "");
    return findings;
  }

  /** Ends the pack process, started or still starting. */
  stop(): void {
    this.child.kill();
    this.channel.then(
      (channel) => channel.close(),
      () => undefined,
    );
    this.client.then(
      (client) => (client as unknown as grpcTypes.Client).close(),
      () => undefined,
    );
  }
}

/** AnalyzeResponse's fields (pulumi/proto analyzer.proto). */
const DIAGNOSTICS_FIELD = 2;

/**
 * The diagnostics of an AnalyzeResponse. Its other field, `not_applicable` (one entry per rule the
 * server skipped by type, about 25 per resource here), is skipped unread: nothing here uses it.
 */
export function diagnosticsOf(bytes: Uint8Array): Diagnostic[] {
  const { BinaryReader: Reader, analyzerProto } = protocol();
  const reader = new Reader(bytes);
  const diagnostics: Diagnostic[] = [];
  while (reader.nextField() && !reader.isEndGroup()) {
    if (reader.getFieldNumber() === DIAGNOSTICS_FIELD) {
      const diagnostic = new analyzerProto.AnalyzeDiagnostic();
      reader.readMessage(diagnostic, analyzerProto.AnalyzeDiagnostic.deserializeBinaryFromReader);
      diagnostics.push(diagnostic);
    } else {
      reader.skipField();
    }
  }
  return diagnostics;
}

/** Protobuf Structs hold JSON only: drop undefined values the way JSON does. */
function toStruct(value: Record<string, unknown>): unknown {
  return protocol().Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}
