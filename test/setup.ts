import { poolPackProcesses, stopSharedPacks } from "./helpers/sharedPack";

// aws-local-stepfunctions 3 uses Promise.withResolvers (Node 22); Node 20 lacks it.
const promiseStatics = Promise as unknown as { withResolvers?: () => unknown };
promiseStatics.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};

poolPackProcesses();

/** Mocha's root hooks (this file is loaded with --require). */
export const mochaHooks = { afterAll: stopSharedPacks };
