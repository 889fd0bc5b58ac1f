import { RecordedResource } from "./recordingMonitor";

/**
 * Renders recorded resources as an indented tree: `type  name`, children under parents, and
 * under each resource the lines `details` gives for it (none by default).
 */
export function renderResourceTree(
  resources: RecordedResource[],
  details: (resource: RecordedResource) => string[] = () => [],
): string {
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
    const indent = "  ".repeat(depth);
    lines.push(`${indent}${resource.type}  ${resource.name}`);
    lines.push(...details(resource).map((line) => `${indent}  │ ${line}`));
    for (const child of children.get(resource.urn) ?? []) {
      visit(child, depth + 1);
    }
  };
  roots.forEach((root) => visit(root, 0));
  return lines.join("\n");
}
