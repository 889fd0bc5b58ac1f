import { FieldReader } from "./containerFields";
import { field, JsonValue, mapEntries, parseJson } from "./goJson";
import { resolveIntrinsics, templateScope } from "./templateIntrinsics";
import { parseYamlMapping } from "./templateYaml";

/** One resource of a CloudFormation template: its logical id, `Type` and `Properties`. */
export interface TemplateResource {
  logicalId: string;
  type: JsonValue | undefined;
  /** With intrinsic functions worked out as far as they can be (templateIntrinsics.ts). */
  properties: JsonValue | undefined;
  /** The intrinsics in `properties` whose value cannot be known here, named. */
  unknowns: string[];
}

/**
 * The resources of a CloudFormation stack's template (`templateBody` of
 * `aws:cloudformation/stack:Stack`; AWS CloudFormation User Guide, "Template anatomy": a
 * `Resources` object of logical ids, each with `Type` and `Properties`), in JSON or in YAML
 * (templateYaml.ts; "Template format": CloudFormation takes either). Intrinsic functions are
 * worked out against the template and the stack's `parameters` (templateIntrinsics.ts); what
 * cannot be known is an unknown part, listed per resource. A body that is neither yields nothing.
 */
export function templateResources(stackProps: JsonValue): TemplateResource[] {
  const read = new FieldReader();
  const body = read.string(stackProps, "templateBody");
  const template = body === undefined ? undefined : (parseJson(body) ?? parseYamlMapping(body));
  const scope = templateScope(template, field(stackProps, "parameters"));
  return mapEntries(field(template, "Resources")).map(([logicalId, definition]) => {
    const unknowns: string[] = [];
    return {
      logicalId,
      type: field(definition, "Type"),
      properties: resolveIntrinsics(field(definition, "Properties"), scope, unknowns),
      unknowns,
    };
  });
}
