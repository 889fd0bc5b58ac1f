import * as path from "path";
import { Policy, PolicyResource, StackValidation, StackValidationArgs } from "@pulumi/policy";

/**
 * Makes @pulumi/policy's server build the stack's resources once per AnalyzeStack request for all
 * of the pack's stack rules, instead of once per rule. Its server (server.js
 * `makeAnalyzeStackRpcFun`) runs, for every stack policy in turn: `policy_1.getPulumiType(
 * p.validateStack)`, then `for (const r of resources)` over `req.getResourcesList()` building one
 * PolicyResource per resource (options, provider, propertyDependencies from the protobuf map, an
 * unknown-checking proxy), links parents and dependencies, and calls `p.validateStack(args, …)`
 * with `args.resources` the resources built. With 23 stack rules that is 23 builds of the same
 * resources, most of AnalyzeStack's time and garbage at 10,000 resources (a CPU profile of the
 * pack's process). The build is inline in that loop, so it cannot be wrapped; two exports the
 * loop reads at each call can:
 * - `getPulumiType`, which the server calls with the very function it will call: when that is a
 *   sharing rule's (see {@link shareStackResources}), the rule is announced;
 * - `AnalyzeStackRequest#getResourcesList`, whose result the loop iterates: each request gets a
 *   copy whose iterator, for an announced rule when this request's resources were already built,
 *   yields none (the server then builds nothing), else yields every resource as before.
 * The announced rule's wrapper then hands its rule the request's first complete build (frozen, so
 * a rule that sorted it in place would fail loudly instead of changing what later rules see)
 * where the server built none. Every rule still gets the server's own `args` (its config, stack
 * tags, notApplicable); only `resources` is shared, which is the same content the server would
 * have built again (a pure function of the request). Rules only read resources (as with
 * deserializeOnce.ts), and the model's caches keyed by a resource hold what depends on the
 * resource alone, so they now serve every rule. Rules that do not share (another team's in a
 * pack that uses the library) get the server's own build, as before. Calls with no announcement
 * behave as without this module. All steps between announcement, iteration and the rule's call
 * are synchronous in the server, so concurrent requests cannot mix; each request's build is kept
 * (weakly) with its request object.
 */

type PulumiTypeOf = (obj: unknown) => string | undefined;

/** What of @pulumi/policy and its protocol classes the sharing reads or replaces. */
export interface PolicyInternals {
  /** `@pulumi/policy/policy`: the server calls `policy_1.getPulumiType` at each use. */
  policy: { getPulumiType: PulumiTypeOf };
  /** The source of `@pulumi/policy/server`'s `makeAnalyzeStackRpcFun`, checked before patching. */
  analyzeStackSource: string;
  /** `pulumirpc.AnalyzeStackRequest` of the `@pulumi/pulumi/proto/analyzer_pb` the server uses. */
  stackRequest: { prototype: { getResourcesList(): unknown[] } };
}

/**
 * What the patch relies on, in the order the server's AnalyzeStack loop runs it (server.js of
 * @pulumi/policy 1.21): the list is read once, each policy is announced, then its resources are
 * built by iterating that list, then it is called with what was built.
 */
export const ANALYZE_STACK_LOOP_MARKERS = [
  "req.getResourcesList()",
  "policy_1.getPulumiType(p.validateStack)",
  "for (const r of resources)",
  "resources: intermediates.map(",
  "p.validateStack(args, reportViolation)",
] as const;

/**
 * Why the AnalyzeStack loop in `source` is not the shape the patch relies on ([] when it is):
 * each marker once, in order, and no other use of `getPulumiType` in the loop.
 */
export function analyzeStackLoopProblems(source: string): string[] {
  const problems: string[] = [];
  let from = 0;
  for (const marker of ANALYZE_STACK_LOOP_MARKERS) {
    const at = source.indexOf(marker, from);
    if (at < 0) {
      problems.push(`"${marker}" not found${from > 0 ? " after the previous step" : ""}`);
    } else if (source.indexOf(marker, at + 1) >= 0) {
      problems.push(`"${marker}" found more than once`);
    } else {
      from = at + marker.length;
    }
  }
  if (source.split("getPulumiType(").length !== 2) {
    problems.push('"getPulumiType(" is called more than once');
  }
  return problems;
}

/** One request's resources as the server built them for the first sharing rule. */
interface RequestBuild {
  shared?: readonly PolicyResource[];
}

/** What the iterator tells the announced rule's wrapper, which the server calls right after. */
interface Handoff {
  validate: StackValidation;
  build: RequestBuild;
  /** The server built nothing for this rule: it takes `build.shared`. */
  skipped: boolean;
  count: number;
}

const SHARING = new WeakSet<object>();
const PATCHED = Symbol("stackResourcesOnce");
let announced: StackValidation | undefined;
let handoff: Handoff | undefined;

/** The server's `args`, with the request's shared resources where the server built none. */
function sharedArgs(validate: StackValidation, args: StackValidationArgs): StackValidationArgs {
  const taken = handoff;
  handoff = undefined;
  if (taken?.validate !== validate) return args;
  if (taken.skipped) {
    return args.resources.length === 0 && taken.build.shared
      ? { ...args, resources: taken.build.shared as PolicyResource[] }
      : args;
  }
  if (args.resources.length === taken.count) {
    taken.build.shared = Object.freeze(args.resources);
  }
  return args;
}

/**
 * The policy, its stack rule taking the request's shared resources when the server is patched
 * ({@link buildStackResourcesOncePerRequest}); unchanged in what it reports. Keeps
 * `__pulumiType` (the server's per-type skip). Resource policies are returned as they are.
 */
export function shareStackResources<P extends Policy>(policy: P): P {
  if (!("validateStack" in policy) || typeof policy.validateStack !== "function") return policy;
  const inner = policy.validateStack as StackValidation;
  const validate: StackValidation = Object.assign(
    (args: StackValidationArgs, report: Parameters<StackValidation>[1]) =>
      inner(sharedArgs(validate, args), report),
    { __pulumiType: (inner as { __pulumiType?: string }).__pulumiType },
  );
  SHARING.add(validate);
  return { ...policy, validateStack: validate };
}

/** A per-request copy of the list whose iterator builds nothing for a rule that can share. */
function sharingList(resources: unknown[]): unknown[] {
  const build: RequestBuild = {};
  const list = resources.slice();
  Object.defineProperty(list, Symbol.iterator, {
    value: () => {
      const validate = announced;
      announced = undefined;
      const skipped = validate !== undefined && build.shared !== undefined;
      handoff = validate && { validate, build, skipped, count: list.length };
      return skipped ? [][Symbol.iterator]() : Array.prototype.values.call(list);
    },
  });
  return list;
}

/**
 * Patches `internals` (see {@link PolicyInternals}) when the server's loop has the expected
 * shape; returns why not otherwise, leaving everything as it was (rules then get the server's
 * own build for each, as without this module). A second call changes nothing.
 */
export function installStackResourcesSharing(internals: PolicyInternals): string[] {
  const { policy, stackRequest } = internals;
  const problems = analyzeStackLoopProblems(internals.analyzeStackSource);
  const getPulumiType = policy.getPulumiType;
  const getResourcesList = stackRequest.prototype.getResourcesList;
  if (typeof getPulumiType !== "function") problems.push("no getPulumiType function");
  if (typeof getResourcesList !== "function") problems.push("no getResourcesList method");
  if (problems.length > 0 || PATCHED in getPulumiType) return problems;
  policy.getPulumiType = Object.assign(
    (obj: unknown) => {
      announced = SHARING.has(obj as object) ? (obj as StackValidation) : undefined;
      return getPulumiType(obj);
    },
    { [PATCHED]: true },
  );
  const lists = new WeakMap<object, unknown[]>();
  stackRequest.prototype.getResourcesList = function (this: object) {
    let list = lists.get(this);
    if (!list) {
      list = sharingList(getResourcesList.call(this));
      lists.set(this, list);
    }
    return list;
  };
  return [];
}

/* eslint-disable @typescript-eslint/no-require-imports */
/** The installed @pulumi/policy's internals, resolved as its server resolves them. */
export function policyInternals(): PolicyInternals {
  const policyDir = path.dirname(require.resolve("@pulumi/policy/package.json"));
  const server = require(path.join(policyDir, "server")) as Record<string, unknown>;
  const proto = require(
    require.resolve("@pulumi/pulumi/proto/analyzer_pb", { paths: [policyDir] }),
  ) as { AnalyzeStackRequest: PolicyInternals["stackRequest"] };
  return {
    policy: require(path.join(policyDir, "policy")) as PolicyInternals["policy"],
    analyzeStackSource: String(server.makeAnalyzeStackRpcFun ?? ""),
    stackRequest: proto.AnalyzeStackRequest,
  };
}
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Turns the sharing on for the installed @pulumi/policy (the pack's entry calls it before `new
 * PolicyPack`); returns why it stayed off ([] when on). A version whose AnalyzeStack loop differs
 * or lacks a module is left unpatched: the rules then work as they are, only slower.
 */
export function buildStackResourcesOncePerRequest(): string[] {
  let internals: PolicyInternals;
  try {
    internals = policyInternals();
  } catch (error) {
    return [`@pulumi/policy internals not loadable: ${(error as Error).message}`];
  }
  return installStackResourcesSharing(internals);
}
