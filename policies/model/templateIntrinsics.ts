import { field, JsonObject, JsonValue, mapEntries, NOT_KNOWN } from "./goJson";

/**
 * CloudFormation intrinsic functions inside a template, worked out as far as the template and
 * the stack's `parameters` say (AWS CloudFormation User Guide, "Intrinsic function reference",
 * "Pseudo parameters reference", "Parameters"). What they give:
 *
 * - text the template spells out is that text: `Fn::Sub` without variables, or with variables
 *   from its own map, from parameters (the stack's `parameters` value, else the parameter's
 *   `Default`) or from mappings (`Fn::FindInMap`); `Fn::Join`, `Fn::Select` of such values. So a
 *   `*` behind `!Sub` or a parameter default is judged as the `*` it is.
 * - a reference to one of the template's own resources (`Ref`, `Fn::GetAtt`, `${R}` or `${R.Arn}`
 *   in `Fn::Sub`) names that one resource: it becomes a name without wildcards, `cfn-ref-R` or
 *   `cfn-getatt-R.Arn`, which names one resource as the real value does.
 * - the stack's own region, account and name (`AWS::Region`, `AWS::AccountId`, …) name the
 *   stack's own: `cfn-stack-region`, `cfn-stack-account`; `AWS::Partition` is `aws`.
 * - anything else (`Fn::ImportValue`, `Fn::If`, a parameter without a value, a function of those)
 *   is not known, and listed in `unknowns`: a whole value becomes `NOT_KNOWN`, as a preview's
 *   unknown does (the container model then says it cannot judge it), a part of a `Fn::Sub` text
 *   becomes `cfn-unknown-…`. So a rule judges the known rest and says what it could not judge,
 *   instead of reading the part as safe. IAM documents read these through `unknownsAsText`.
 *
 * `AWS::NoValue` removes the property or list item, as CloudFormation does.
 */

/** What a template's intrinsics can be resolved against. */
export interface TemplateScope {
  /** Effective parameter values: the stack's `parameters`, else each parameter's `Default`. */
  parameters: Map<string, JsonValue>;
  /** The template's logical resource ids. */
  resources: Set<string>;
  mappings: JsonValue | undefined;
}

/** How every unknown part begins (a literal no IAM pattern treats as a wildcard). */
export const UNKNOWN_PART = "cfn-unknown-";

const PSEUDO: Record<string, string> = {
  "AWS::Partition": "aws",
  "AWS::Region": "cfn-stack-region",
  "AWS::AccountId": "cfn-stack-account",
  "AWS::StackName": "cfn-stack-name",
  "AWS::StackId": "cfn-stack-id",
  "AWS::URLSuffix": "amazonaws.com",
};

const NO_VALUE = Symbol("AWS::NoValue");
type Resolved = JsonValue | typeof NO_VALUE;

/** The template's scope from its `Parameters`, `Resources`, `Mappings` and the stack's values. */
export function templateScope(
  template: JsonValue | undefined,
  stackParameters: JsonValue | undefined,
): TemplateScope {
  const given = new Map(mapEntries(stackParameters));
  const parameters = new Map<string, JsonValue>();
  for (const [name, declaration] of mapEntries(field(template, "Parameters"))) {
    const value = given.get(name) ?? field(declaration, "Default");
    if (value !== undefined) parameters.set(name, value);
  }
  return {
    parameters,
    resources: new Set(mapEntries(field(template, "Resources")).map(([id]) => id)),
    mappings: field(template, "Mappings"),
  };
}

/** `value` with its intrinsics worked out; each part not known is named in `unknowns`. */
export function resolveIntrinsics(
  value: JsonValue | undefined,
  scope: TemplateScope,
  unknowns: string[],
): JsonValue | undefined {
  if (value === undefined) return undefined;
  const resolved = new Resolver(scope, unknowns).value(value);
  return resolved === NO_VALUE ? undefined : resolved;
}

class Resolver {
  constructor(
    private readonly scope: TemplateScope,
    private readonly unknowns: string[],
  ) {}

  value(value: JsonValue): Resolved {
    if (Array.isArray(value)) {
      return value.map((item) => this.value(item)).filter((item) => item !== NO_VALUE);
    }
    if (!(value instanceof JsonObject)) return value;
    const intrinsic = value.entries.length === 1 ? value.entries[0] : undefined;
    if (intrinsic && (intrinsic[0] === "Ref" || intrinsic[0].startsWith("Fn::"))) {
      return this.intrinsic(intrinsic[0], intrinsic[1]);
    }
    const entries: [string, JsonValue][] = [];
    for (const [key, item] of value.entries) {
      const resolved = this.value(item);
      if (resolved !== NO_VALUE) entries.push([key, resolved]);
    }
    return new JsonObject(entries);
  }

  private unknown(what: string): JsonValue {
    this.unknowns.push(what);
    return NOT_KNOWN;
  }

  private intrinsic(name: string, argument: JsonValue): Resolved {
    switch (name) {
      case "Ref":
        return typeof argument === "string" ? this.reference(argument) : this.unknown("Ref");
      case "Fn::GetAtt":
        return this.getAtt(argument);
      case "Fn::Sub":
        return this.sub(argument);
      case "Fn::Join":
        return this.join(argument);
      case "Fn::Select":
        return this.select(argument);
      case "Fn::FindInMap":
        return this.findInMap(argument);
      default:
        return this.unknown(name);
    }
  }

  /** `Ref` / `${Name}`: a pseudo parameter, a parameter's value, or a resource of the template. */
  private reference(name: string): Resolved {
    if (name === "AWS::NoValue") return NO_VALUE;
    if (name in PSEUDO) return PSEUDO[name];
    const parameter = this.scope.parameters.get(name);
    if (parameter !== undefined) return this.value(parameter);
    if (this.scope.resources.has(name)) return `cfn-ref-${name}`;
    return this.unknown(`Ref ${name}`);
  }

  private getAtt(argument: JsonValue): Resolved {
    const parts = typeof argument === "string" ? argument.split(".") : argument;
    if (!Array.isArray(parts) || typeof parts[0] !== "string") return this.unknown("Fn::GetAtt");
    const attribute = this.value(parts[1] ?? "");
    if (!this.scope.resources.has(parts[0]) || typeof attribute !== "string") {
      return this.unknown(`Fn::GetAtt ${parts[0]}`);
    }
    return `cfn-getatt-${parts[0]}.${attribute}`;
  }

  private sub(argument: JsonValue): Resolved {
    const [text, variables] = Array.isArray(argument) ? argument : [argument, undefined];
    if (typeof text !== "string") return this.unknown("Fn::Sub");
    const own = new Map(mapEntries(variables));
    // `${!Literal}` is the text `${Literal}`; `${Name}` and `${Resource.Attribute}` substitute.
    return text.replace(/\$\{([^}]*)\}/g, (_text, inner: string) => {
      if (inner.startsWith("!")) return `\${${inner.slice(1)}}`;
      const name = inner.trim();
      const given = own.get(name);
      const value =
        given !== undefined
          ? this.value(given)
          : name.includes(".") && !name.startsWith("AWS::")
            ? this.getAtt(name)
            : this.reference(name);
      if (typeof value === "string") return value;
      if (value !== NOT_KNOWN) this.unknowns.push(`Fn::Sub \${${name}}`);
      return unknownText(name);
    });
  }

  private join(argument: JsonValue): Resolved {
    if (!Array.isArray(argument) || typeof argument[0] !== "string") {
      return this.unknown("Fn::Join");
    }
    const list = this.value(argument[1] ?? null);
    if (!Array.isArray(list)) return this.unknown("Fn::Join");
    if (list.includes(NOT_KNOWN)) return NOT_KNOWN;
    if (!list.every((item) => typeof item === "string")) return this.unknown("Fn::Join");
    return list.join(argument[0]);
  }

  private select(argument: JsonValue): Resolved {
    if (!Array.isArray(argument)) return this.unknown("Fn::Select");
    const index = Number(this.value(argument[0] ?? null));
    const list = this.value(argument[1] ?? null);
    const item = Array.isArray(list) && Number.isInteger(index) ? list[index] : undefined;
    return item === undefined ? this.unknown("Fn::Select") : item;
  }

  private findInMap(argument: JsonValue): Resolved {
    const keys = Array.isArray(argument) ? argument.map((key) => this.value(key)) : [];
    if (keys.length !== 3 || !keys.every((key) => typeof key === "string")) {
      return this.unknown("Fn::FindInMap");
    }
    const [map, top, second] = keys as string[];
    const found = mapEntries(
      mapEntries(this.scope.mappings).find(([name]) => name === map)?.[1],
    ).find(([name]) => name === top)?.[1];
    const value = mapEntries(found).find(([name]) => name === second)?.[1];
    return value === undefined ? this.unknown(`Fn::FindInMap ${map}`) : this.value(value);
  }
}

/** The literal an unknown part reads as inside text: no IAM pattern treats it as a wildcard. */
function unknownText(what: string): string {
  return `${UNKNOWN_PART}${what.replace(/[^\w.-]+/g, "-")}`;
}

/**
 * `value` with each whole unknown as `cfn-unknown` text, for readers of plain JSON (IAM
 * documents), which would otherwise drop the whole document for one unknown part: the rest is
 * judged, and the rule reports the unknowns it was told about as not judged.
 */
export function unknownsAsText(value: JsonValue | undefined): JsonValue | undefined {
  if (value === NOT_KNOWN) return unknownText("value");
  if (Array.isArray(value)) return value.map((item) => unknownsAsText(item) ?? null);
  if (value instanceof JsonObject) {
    return new JsonObject(value.entries.map(([key, item]) => [key, unknownsAsText(item) ?? null]));
  }
  return value;
}
