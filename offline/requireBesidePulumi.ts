import * as path from "path";

/**
 * Loads a module exactly as `@pulumi/pulumi`'s generated stubs load it. The stubs require their
 * own `google-protobuf` and `@grpc/grpc-js`; when npm nests a different version under
 * `@pulumi/pulumi`, messages or credentials built from the root copy are rejected by the stubs
 * ("c.g is not a function"), so callers must use the very same copies.
 */
export function requireBesidePulumi<T>(request: string): T {
  const pulumiEntry = require.resolve("@pulumi/pulumi");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(require.resolve(request, { paths: [path.dirname(pulumiEntry)] })) as T;
}
