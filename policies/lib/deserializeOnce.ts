/** What @pulumi/policy's (internal) deserialize module exports that its server calls. */
interface DeserializeModule {
  deserializeProperties(struct: object, proxySecrets: boolean): Record<string, unknown>;
}

const SHARED = Symbol("deserializeOnce");

/**
 * Makes @pulumi/policy's server turn each properties Struct of a request into JavaScript once,
 * not once per rule. Its server (server.js) calls `deserializeProperties(r.getProperties(), false)`
 * for every rule that looks at a resource: in an Analyze call for each rule not skipped by type,
 * in AnalyzeStack for every stack rule and every resource (12 rules × 10,000 resources in the
 * bench, most of the pack's time and garbage). google-protobuf hands out the same Struct object
 * for a request's field each time, so the result is kept per Struct (weakly: it goes with the
 * request) and handed to the next rule. Each rule still gets the server's own unknown-checking
 * proxy around it; the rules only read properties (none writes into them), so sharing the plain
 * object changes nothing they see. Calls with secrets proxied are passed through unchanged.
 * The module is internal to @pulumi/policy (the server reads the export at each call): if a
 * version stops doing so, or has no such module, rules simply see fresh objects again, as before.
 */
export function deserializeOncePerRequest(): void {
  let deserialize: Partial<DeserializeModule>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    deserialize = require("@pulumi/policy/deserialize") as Partial<DeserializeModule>;
  } catch {
    return; // a version without this module: the rules work as they are, only slower
  }
  const original = deserialize.deserializeProperties;
  if (typeof original !== "function" || SHARED in original) {
    return;
  }
  const results = new WeakMap<object, Record<string, unknown>>();
  deserialize.deserializeProperties = Object.assign(
    (struct: object, proxySecrets: boolean) => {
      if (proxySecrets || typeof struct !== "object" || struct === null) {
        return original(struct, proxySecrets);
      }
      let result = results.get(struct);
      if (!result) {
        result = original(struct, proxySecrets);
        results.set(struct, result);
      }
      return result;
    },
    { [SHARED]: true },
  );
}
