import { SHARED_OUTPUT_DOCS } from "../lib/stackOutputs";
import { STRATEGIES } from "../strategies/registry";
import { STRATEGY_NAMES } from "../strategies/strategyName";
import type { StrategyModule } from "../strategies/strategyModule";
import { Field, Fields } from "./schema";
import { COST_FIELDS } from "./validateCost";
import { LOG_RETENTION_FIELD } from "./logRetention";
import { PRODUCTION_LIKE_FIELD, STRATEGIES_FIELD } from "./validate";
import {
  CREATE_NETWORK_FIELDS,
  EXISTING_NETWORK_FIELDS,
  NETWORK_MODE_FIELD,
} from "./validateNetwork";
import { SERVICE_FIELDS } from "./validateService";

/**
 * The README's configuration table and outputs table, rendered from the fields the validator
 * reads and the outputs the modules declare: `npm run docs` writes them between their markers,
 * and a test fails when the README differs.
 */

type Row = [key: string, defaultText: string, doc: string];

const REGION_ROW: Row = [
  "aws:region",
  "— (required)",
  "the region to deploy to: a region code the AWS SDK knows (`ap-northeast-1`; not `tokyo` nor the zone `ap-northeast-1a`)",
];

/** One row per key of `fields` under `prefix`, and the rows of nested sections after theirs. */
function rowsOf(prefix: string, fields: Fields): Row[] {
  return Object.entries(fields).flatMap(([key, spec]) => {
    const nested = (spec as Field<unknown> & { fields?: Fields }).fields;
    const row: Row = [`${prefix}.${key}`, spec.defaultText, spec.doc];
    return nested ? [row, ...rowsOf(`${prefix}.${key}`, nested)] : [row];
  });
}

/** The network's two modes in one list: a key of one mode only says so. */
function networkRows(): Row[] {
  const create = rowsOf("network", CREATE_NETWORK_FIELDS);
  const existing = rowsOf("network", EXISTING_NETWORK_FIELDS);
  const rows: Row[] = [["network.mode", NETWORK_MODE_FIELD.defaultText, NETWORK_MODE_FIELD.doc]];
  for (const [key, defaultText, doc] of create) {
    const other = existing.find(([k]) => k === key);
    if (!other) {
      rows.push([key, defaultText, `create only; ${doc}`]);
    } else if (other[1] === defaultText) {
      rows.push([key, defaultText, doc]);
    } else {
      rows.push([key, `${defaultText} (create), ${other[1]} (existing)`, doc]);
    }
  }
  for (const [key, defaultText, doc] of existing) {
    if (!create.some(([k]) => k === key)) rows.push([key, defaultText, `existing only; ${doc}`]);
  }
  return rows;
}

/** Every key of the stack config, in the order the README lists them. */
export function configRows(): Row[] {
  return [
    REGION_ROW,
    ["strategies", STRATEGIES_FIELD.defaultText, STRATEGIES_FIELD.doc],
    ["productionLike", PRODUCTION_LIKE_FIELD.defaultText, PRODUCTION_LIKE_FIELD.doc],
    ["logRetentionDays", LOG_RETENTION_FIELD.defaultText, LOG_RETENTION_FIELD.doc],
    ...networkRows(),
    ...rowsOf("service", SERVICE_FIELDS),
    ...STRATEGY_NAMES.flatMap((name) => rowsOf(name, STRATEGIES[name].config as Fields)),
    ...rowsOf("cost", COST_FIELDS),
  ];
}

/** A markdown table cell: a `|` inside would end the cell. */
function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

function table(header: string[], rows: string[][]): string {
  return [
    `| ${header.join(" | ")} |`,
    `|${header.map(() => "---").join("|")}|`,
    ...rows.map((row) => `| ${row.map(cell).join(" | ")} |`),
  ].join("\n");
}

export function configTable(): string {
  return table(
    ["key", "default", "allowed; meaning"],
    configRows().map(([key, defaultText, doc]) => [`\`${key}\``, defaultText, doc]),
  );
}

/** Every stack output: the shared ones, then each strategy's (present when it is selected). */
export function outputsTable(): string {
  const shared = Object.entries(SHARED_OUTPUT_DOCS).map(([name, doc]) => [
    `\`${name}\``,
    "always",
    doc,
  ]);
  const perStrategy = STRATEGY_NAMES.flatMap((strategy) => {
    const module: StrategyModule = STRATEGIES[strategy];
    return Object.entries(module.outputs).map(([name, doc]) => [
      `\`${name}\``,
      `\`${strategy}\``,
      String(doc),
    ]);
  });
  return table(["output", "when", "what it holds"], [...shared, ...perStrategy]);
}

/** The README's generated parts, by marker name. */
export const GENERATED_SECTIONS: Record<string, () => string> = {
  "config-table": configTable,
  "outputs-table": outputsTable,
};

const begin = (name: string) => `<!-- generated: ${name} (npm run docs) -->`;
const END = "<!-- end generated -->";

/** The README with every generated part rendered anew; throws when a marker is missing. */
export function renderReadme(readme: string): string {
  let text = readme;
  for (const [name, render] of Object.entries(GENERATED_SECTIONS)) {
    const start = text.indexOf(begin(name));
    const end = text.indexOf(END, start);
    if (start < 0 || end < 0) {
      throw new Error(`README.md has no ${begin(name)} … ${END} markers`);
    }
    text = `${text.slice(0, start + begin(name).length)}\n${render()}\n${text.slice(end)}`;
  }
  return text;
}
