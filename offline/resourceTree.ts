import { RecordedResource } from "./recordingMonitor";

/** Renders recorded resources as an indented tree: `type  name`, children under parents. */
export function renderResourceTree(resources: RecordedResource[]): string {
  const children = new Map<string, RecordedResource[]>();
  for (const resource of resources) {
    const siblings = children.get(resource.parent) ?? [];
    siblings.push(resource);
    children.set(resource.parent, siblings);
  }
  const known = new Set(resources.map((resource) => resource.urn));
  const roots = resources.filter((resource) => !known.has(resource.parent));
  const lines: string[] = [];
  const visit = (resource: RecordedResource, depth: number) => {
    lines.push(`${"  ".repeat(depth)}${resource.type}  ${resource.name}`);
    for (const child of children.get(resource.urn) ?? []) {
      visit(child, depth + 1);
    }
  };
  roots.forEach((root) => visit(root, 0));
  return lines.join("\n");
}
