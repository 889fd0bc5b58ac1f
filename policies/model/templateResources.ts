import { FieldReader } from "./containerFields";
import { field, JsonValue, mapEntries, parseJson } from "./goJson";

/** One resource of a CloudFormation template: its logical id, `Type` and `Properties`. */
export interface TemplateResource {
  logicalId: string;
  type: JsonValue | undefined;
  properties: JsonValue | undefined;
}

/**
 * The resources of a CloudFormation stack's template given as JSON text (`templateBody` of
 * `aws:cloudformation/stack:Stack`; AWS CloudFormation User Guide, "Template anatomy": a
 * `Resources` object of logical ids, each with `Type` and `Properties`). Intrinsic functions
 * (`Ref`, `Fn::Sub`) are no literal and are left as written; a YAML template (or a body that is
 * not JSON) yields nothing, as the pack carries no YAML parser.
 */
export function templateResources(stackProps: JsonValue): TemplateResource[] {
  const body = new FieldReader().string(stackProps, "templateBody");
  const template = body === undefined ? undefined : parseJson(body);
  return mapEntries(field(template, "Resources")).map(([logicalId, definition]) => ({
    logicalId,
    type: field(definition, "Type"),
    properties: field(definition, "Properties"),
  }));
}
