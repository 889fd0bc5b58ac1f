import * as pulumi from "@pulumi/pulumi";
import type { ComponentProvider } from "@pulumi/pulumi/provider/experimental";
import * as rpc from "@pulumi/pulumi/runtime/rpc";
import { requireBesidePulumi } from "./requireBesidePulumi";

/** google-protobuf's Struct, the copy the provider server decodes with. */
interface StructMessage {
  toJavaScript(): Record<string, unknown>;
}
const { Struct } = requireBesidePulumi<{
  Struct: { fromJavaScript(value: Record<string, unknown>): StructMessage };
}>("google-protobuf/google/protobuf/struct_pb");

/**
 * A value another language's program passes that comes from one of its resources (e.g. a
 * Python program's `cluster.name`): the engine sends it as an output value, its known value
 * with the URN of the resource it depends on.
 */
export class ResourceOutput {
  constructor(
    readonly value: unknown,
    readonly urn: string,
  ) {}
}

/** The engine's view of one `Construct` call's inputs: the wire struct and each key's URNs. */
interface WireInputs {
  struct: Record<string, unknown>;
  dependencies: Map<string, string[]>;
}

/**
 * The inputs as the engine marshals them for a provider that accepts output values (the
 * nodejs provider's `Configure` answers `acceptOutputs: true`, @pulumi/pulumi
 * `provider/server.js`): plain values as they are, a {@link ResourceOutput} as an output value
 * (`rpc.specialOutputValueSig` with `value` and `dependencies`), each top-level key's URNs in
 * its `inputDependencies`.
 */
function toWire(inputs: Record<string, unknown>): WireInputs {
  const dependencies = new Map<string, string[]>();
  const encode = (value: unknown, urns: Set<string>): unknown => {
    if (value instanceof ResourceOutput) {
      urns.add(value.urn);
      return {
        [rpc.specialSigKey]: rpc.specialOutputValueSig,
        value: encode(value.value, new Set()),
        dependencies: [value.urn],
      };
    }
    if (Array.isArray(value)) return value.map((item) => encode(item, urns));
    if (value !== null && typeof value === "object") {
      // An unset optional property is not sent (a protobuf Struct has no undefined).
      return Object.fromEntries(
        Object.entries(value)
          .filter(([, item]) => item !== undefined)
          .map(([key, item]) => [key, encode(item, urns)]),
      );
    }
    return value;
  };
  const struct: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(inputs)) {
    if (value === undefined) continue;
    const urns = new Set<string>();
    struct[key] = encode(value, urns);
    if (urns.size > 0) dependencies.set(key, [...urns]);
  }
  return { struct, dependencies };
}

/** The provider server's input decoding (exported by its module, not by its declarations). */
type DeserializeInputs = (
  inputs: StructMessage,
  dependencies: { get(key: string): { getUrnsList(): string[] } | undefined },
) => Promise<Record<string, unknown>>;
// eslint-disable-next-line @typescript-eslint/no-require-imports
const server = require("@pulumi/pulumi/provider/server") as {
  deserializeInputs: DeserializeInputs;
};

/** What the calling program gets back from `Construct`: the URN and the component's state. */
export interface ConstructedComponent {
  urn: string;
  /** The state as the SDK of the calling language decodes it (plain values, secrets unwrapped). */
  state: Record<string, unknown>;
}

/**
 * Builds `type`'s component through the provider the way `pulumi` does for a program in
 * another language (@pulumi/pulumi `provider/server.js`, `construct`): the inputs go over the
 * wire as a protobuf Struct, are decoded by the server's own `deserializeInputs`, handed to
 * `provider.construct(name, type, inputs, options)`, and the returned state is serialized with
 * `rpc.serializeResourceProperties` and decoded as the caller's SDK decodes it. Must run inside
 * a program under mocks (offline/runOffline.ts), which records what the component registers.
 */
export async function constructThroughProvider(
  provider: ComponentProvider,
  type: string,
  name: string,
  inputs: Record<string, unknown>,
): Promise<ConstructedComponent> {
  const wire = toWire(inputs);
  const decoded = await server.deserializeInputs(Struct.fromJavaScript(wire.struct), {
    get: (key) => {
      const urns = wire.dependencies.get(key);
      return urns && { getUrnsList: () => urns };
    },
  });
  // The options the server builds from a ConstructRequest without any resource options set.
  const options: pulumi.ComponentResourceOptions = { aliases: [], dependsOn: [], protect: false };
  const result = await provider.construct(name, type, decoded, options);
  const [state] = await rpc.serializeResourceProperties(
    `construct(${type}, ${name})`,
    result.state,
  );
  const urn = await new Promise<string>((resolve) => pulumi.output(result.urn).apply(resolve));
  // The response's Struct, decoded as the calling program's SDK decodes the component's state.
  const decodedState = rpc.deserializeProperties(Struct.fromJavaScript(state) as never, false);
  return { urn, state: decodedState as Record<string, unknown> };
}
