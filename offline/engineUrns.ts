import type { RecordedAlias, RecordedResource } from "./recordingMonitor";

/** A resource's URN as the Pulumi engine forms it, and the old URNs its aliases claim. */
export interface EngineIdentity {
  urn: string;
  aliases: string[];
}

const ROOT_STACK_TYPE = "pulumi:pulumi:Stack";

/**
 * The engine's URNs of recorded resources. The mock monitor's URNs keep only the parent's own
 * type (`parent.split("::")[2].split("$").pop()`, @pulumi/pulumi runtime/mocks.ts `newUrn`),
 * while the engine qualifies a type with the parent's whole qualified type, the root stack
 * excepted (pulumi/pulumi sdk/go/common/resource/urn.go `NewURN` with
 * `parent.QualifiedType()`; pkg/resource/deploy/source_eval.go, the stack is not a parent type).
 * So a component that moves under another keeps its mock URN and its children's, but not its
 * real ones: judge URN stability here, never on mock URNs.
 *
 * Aliases as the engine multiplies them (pkg/resource/deploy/step_generator.go
 * `generateAliases`): each of the resource's own aliases, collapsed against its current parent
 * (or none with `noParent`, or the spec's parent); then, for every URN its parent is aliased to,
 * the resource's own type and name and each own alias re-parented under that URN.
 */
export function engineIdentities(
  resources: readonly RecordedResource[],
  stack: string,
  project: string,
): Map<RecordedResource, EngineIdentity> {
  const byMockUrn = new Map(resources.map((resource) => [resource.urn, resource]));
  const identities = new Map<RecordedResource, EngineIdentity>();
  const make = (qualifiedType: string, name: string) =>
    `urn:pulumi:${stack}::${project}::${qualifiedType}::${name}`;
  const qualifiedTypeOf = (urn: string) => urn.split("::")[2];
  const parentOf = (resource: RecordedResource) => {
    const parent = byMockUrn.get(resource.parent);
    return parent && parent.type !== ROOT_STACK_TYPE ? parent : undefined;
  };

  const identityOf = (resource: RecordedResource): EngineIdentity => {
    const known = identities.get(resource);
    if (known) return known;
    const parent = parentOf(resource);
    const parentIdentity = parent ? identityOf(parent) : undefined;
    const under = (parentUrn: string | undefined, type: string, name: string) =>
      make(parentUrn ? `${qualifiedTypeOf(parentUrn)}$${type}` : type, name);
    const urn = under(parentIdentity?.urn, resource.type, resource.name);

    const collapse = (alias: RecordedAlias): string => {
      if (alias.urn) return alias.urn;
      const type = alias.type ?? resource.type;
      const name = alias.name ?? resource.name;
      if (alias.noParent) return make(type, name);
      const aliasParent = alias.parentUrn ? byMockUrn.get(alias.parentUrn) : parent;
      const aliasParentUrn =
        aliasParent && aliasParent.type !== ROOT_STACK_TYPE
          ? identityOf(aliasParent).urn
          : undefined;
      return under(aliasParentUrn, type, name);
    };
    const aliases = new Set((resource.aliases ?? []).map(collapse));
    for (const parentAlias of parentIdentity?.aliases ?? []) {
      aliases.add(under(parentAlias, resource.type, resource.name));
      for (const alias of resource.aliases ?? []) {
        if (alias.urn || alias.noParent) continue;
        aliases.add(under(parentAlias, alias.type ?? resource.type, alias.name ?? resource.name));
      }
    }
    aliases.delete(urn);
    const identity = { urn, aliases: [...aliases].sort() };
    identities.set(resource, identity);
    return identity;
  };
  for (const resource of resources) identityOf(resource);
  return identities;
}
