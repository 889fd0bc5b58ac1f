import { PolicyResource } from "@pulumi/policy";

/**
 * The stack resource of `type` that `reference` names, through any of `keys`. Stack rules see
 * the engine's state: inputs plus outputs such as `id` and `arn`, so a service's `cluster` (an
 * ARN) finds the cluster by its `arn` output. `undefined` when the resource is not in the stack.
 * The first such resource in stack order, trying its keys in order; a key whose value a preview
 * has not computed raises the server's unknown-value error when reached before a match, as a
 * scan would (stack rules look up per launcher or per cluster: over a large stack an index per
 * resource list keeps that linear, where a scan each time grew with the square of its size).
 */
export function findReferenced(
  resources: PolicyResource[],
  type: string,
  reference: unknown,
  keys: string[] = ["arn", "id", "name"],
): PolicyResource | undefined {
  if (typeof reference !== "string" || reference === "") {
    return undefined;
  }
  if (resources.length < INDEX_FROM) {
    return resources.find(
      (resource) => resource.type === type && keys.some((key) => resource.props[key] === reference),
    );
  }
  const index = referenceIndex(resources, type, keys);
  const match = index.firstAt.get(reference) ?? Infinity;
  if (index.firstUnknownAt < match) {
    const resource = index.ofType[Math.floor(index.firstUnknownAt / keys.length)];
    void resource.props[keys[index.firstUnknownAt % keys.length]]; // throws, as a scan would
  }
  return match === Infinity ? undefined : index.ofType[Math.floor(match / keys.length)];
}

/** Below this many resources a scan is as quick as building an index. */
const INDEX_FROM = 64;

/**
 * Where each value first occurs among the `keys` of the resources of one type, positions counted
 * resource by resource then key by key (`resource * keys.length + key`), as a scan meets them.
 */
interface ReferenceIndex {
  ofType: PolicyResource[];
  firstAt: Map<string, number>;
  /** The first position whose value could not be read (Infinity: none). */
  firstUnknownAt: number;
}

// Per resource list: a stack rule's `args.resources` is one list for one AnalyzeStack call.
const indexes = new WeakMap<PolicyResource[], Map<string, ReferenceIndex>>();

function referenceIndex(resources: PolicyResource[], type: string, keys: string[]): ReferenceIndex {
  let byLookup = indexes.get(resources);
  if (!byLookup) {
    byLookup = new Map();
    indexes.set(resources, byLookup);
  }
  const lookup = `${type}\n${keys.join("\n")}`;
  let index = byLookup.get(lookup);
  if (!index) {
    const ofType = resources.filter((resource) => resource.type === type);
    index = { ofType, firstAt: new Map(), firstUnknownAt: Infinity };
    for (let position = 0; position < ofType.length * keys.length; position++) {
      let value: unknown;
      try {
        value = ofType[Math.floor(position / keys.length)].props[keys[position % keys.length]];
      } catch {
        // Not known yet (the server's proxy throws): a scan stops here, so no later position can
        // be reached; a lookup that gets this far reads it again, for the same error.
        index.firstUnknownAt = position;
        break;
      }
      if (typeof value === "string" && !index.firstAt.has(value)) {
        index.firstAt.set(value, position);
      }
    }
    byLookup.set(lookup, index);
  }
  return index;
}

export function ofType(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
  return resources.filter((resource) => types.includes(resource.type));
}

/** A short name for messages: the resource's logical name and type. */
export function describe(resource: PolicyResource): string {
  return `${resource.name} (${resource.type.split(":").pop()})`;
}
