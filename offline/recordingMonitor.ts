import * as pulumi from "@pulumi/pulumi";
import { MockMonitor } from "@pulumi/pulumi/runtime/mocks";

/** A resource as the program registered it: what the engine (and a policy pack) would see. */
export interface RecordedResource {
  urn: string;
  type: string;
  name: string;
  /** The id the (mock) provider returned; empty for components. */
  id: string;
  /** Parent URN; empty for top-level resources. */
  parent: string;
  custom: boolean;
  /** Provider reference (`URN::ID`); empty for the default provider and components. */
  provider: string;
  inputs: Record<string, unknown>;
  dependencies: string[];
  /** For each input property, the URNs its value came from, as the engine records them. */
  propertyDependencies: Record<string, string[]>;
  /** The state the (mock) provider returned: inputs plus outputs such as `arn`. */
  outputs: Record<string, unknown>;
  /** `retainOnDelete` as the program set it: `pulumi destroy` leaves the resource in place. */
  retainOnDelete: boolean;
  /** The `aliases` option as the SDK sends it to an engine that takes alias specs. */
  aliases?: RecordedAlias[];
}

/**
 * One alias (alias.proto `Alias`): a whole URN, or a spec whose empty fields mean "as now"
 * (`parentUrn` empty and `noParent` false: the resource's current parent).
 */
export interface RecordedAlias {
  urn?: string;
  name?: string;
  type?: string;
  parentUrn?: string;
  noParent?: boolean;
}

interface RegisterRequest {
  getType(): string;
  getName(): string;
  getParent(): string;
  getCustom(): boolean;
  getProvider(): string;
  getDependenciesList(): string[];
  /** `map<string, PropertyDependencies>` (resource.proto): each value lists `urns`. */
  getPropertydependenciesMap(): {
    forEach(visit: (entry: { getUrnsList(): string[] }, key: string) => void): void;
  };
  getRetainondelete(): boolean | undefined;
  getAliasesList(): AliasMessage[];
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0];
}

interface AliasMessage {
  getUrn(): string;
  hasSpec(): boolean;
  getSpec():
    | { getName(): string; getType(): string; getParenturn(): string; getNoparent(): boolean }
    | undefined;
}

interface RegisterResponse {
  getUrn(): string;
  getId(): string;
  getObject(): Parameters<typeof pulumi.runtime.deserializeProperties>[0] | undefined;
}

type Callback = (err: Error | null, response?: RegisterResponse) => void;

/**
 * The Pulumi mock monitor, recording every `RegisterResource` request it answers (type, name,
 * parent, provider, inputs) in registration order.
 */
export class RecordingMonitor extends MockMonitor {
  readonly recorded: RecordedResource[] = [];

  constructor(mocks: pulumi.runtime.Mocks) {
    super(mocks);
  }

  override async registerResource(req: RegisterRequest, callback: Callback): Promise<void> {
    const inputs = pulumi.runtime.deserializeProperties(req.getObject()) as Record<string, unknown>;
    await super.registerResource(req, (err, response) => {
      if (!err && response) {
        this.recorded.push({
          urn: response.getUrn(),
          id: response.getId(),
          type: req.getType(),
          name: req.getName(),
          parent: req.getParent(),
          custom: req.getCustom(),
          provider: req.getProvider(),
          inputs,
          dependencies: req.getDependenciesList(),
          propertyDependencies: propertyDependenciesOf(req),
          retainOnDelete: req.getRetainondelete() === true,
          aliases: req.getAliasesList().map(aliasOf),
          outputs: stateOf(response),
        });
      }
      callback(err, response);
    });
  }
}

function propertyDependenciesOf(req: RegisterRequest): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  req.getPropertydependenciesMap().forEach((entry, key) => {
    found[key] = entry.getUrnsList();
  });
  return found;
}

function aliasOf(message: AliasMessage): RecordedAlias {
  const spec = message.getSpec();
  if (!message.hasSpec() || !spec) return { urn: message.getUrn() };
  const alias: RecordedAlias = {};
  if (spec.getName()) alias.name = spec.getName();
  if (spec.getType()) alias.type = spec.getType();
  if (spec.getParenturn()) alias.parentUrn = spec.getParenturn();
  if (spec.getNoparent()) alias.noParent = true;
  return alias;
}

function stateOf(response: RegisterResponse): Record<string, unknown> {
  const object = response.getObject();
  return object ? (pulumi.runtime.deserializeProperties(object) as Record<string, unknown>) : {};
}
