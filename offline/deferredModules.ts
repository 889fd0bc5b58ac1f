import * as nodeModule from "module";

/**
 * Modules `@pulumi/pulumi` and `@pulumi/awsx` require when they load but an offline plan never
 * uses: npm's dependency-tree reader (for serializing function closures; about 11 MiB and 500
 * modules per process), the Automation API, and the awsx parts the program does not use (it uses
 * ec2, ecr and types). Each is `[request, the module that requires it]`.
 */
export const DEFERRED_MODULES: [string, string][] = [
  ["@npmcli/arborist", "@pulumi/pulumi/runtime/closure/codePaths"],
  ["./automation", "@pulumi/pulumi/index"],
  ["./classic", "@pulumi/awsx/index"],
  ["./cloudtrail", "@pulumi/awsx/index"],
  ["./ecs", "@pulumi/awsx/index"],
  ["./lb", "@pulumi/awsx/index"],
];

type CachedModule = NodeJS.Module & { loaded: boolean };

/**
 * Makes each deferred module load on first use instead of when `@pulumi/pulumi` loads: its entry
 * in the module cache becomes a stand-in that requires the real module the first time one of its
 * members is read (the stand-in says it is an ES module, so TypeScript's import helpers keep it
 * as it is instead of copying every member at once). Call before anything loads Pulumi; a
 * module already loaded, or not found from `fromDir` (where Pulumi is resolved from: the pack's
 * folder in the pack's process), is left alone.
 */
export function deferPulumiModules(fromDir = __dirname): void {
  for (const [request, requiredBy] of DEFERRED_MODULES) {
    let file: string;
    try {
      file = nodeModule
        .createRequire(require.resolve(requiredBy, { paths: [fromDir] }))
        .resolve(request);
    } catch {
      continue; // no Pulumi (or another layout) there: nothing to defer
    }
    if (require.cache[file] === undefined) {
      require.cache[file] = standIn(file);
    }
  }
}

/** A cache entry for `file` whose exports load the real module when first read. */
function standIn(file: string): CachedModule {
  let real: Record<string | symbol, unknown> | undefined;
  const load = () => {
    if (real === undefined) {
      delete require.cache[file];
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      real = require(file) as Record<string | symbol, unknown>;
    }
    return real;
  };
  const exports = new Proxy(
    {},
    {
      get: (_, key) => (key === "__esModule" ? true : load()[key]),
      has: (_, key) => key in load(),
      ownKeys: () => Reflect.ownKeys(load()),
      getOwnPropertyDescriptor: (_, key) => {
        const descriptor = Reflect.getOwnPropertyDescriptor(load(), key);
        return descriptor && { ...descriptor, configurable: true };
      },
    },
  );
  const module = new nodeModule.Module(file) as CachedModule;
  module.filename = file;
  module.exports = exports;
  module.loaded = true;
  return module;
}
