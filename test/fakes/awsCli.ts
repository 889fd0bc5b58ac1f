import * as ecs from "@aws-sdk/client-ecs";
import * as sfn from "@aws-sdk/client-sfn";
import * as ssm from "@aws-sdk/client-ssm";
import * as fs from "fs";
import * as jmespath from "jmespath";

/**
 * A model of the AWS CLI (v2) for the commands our stack outputs print, faithful where it
 * matters to a one-liner: how pages are fetched and how `--query` and `--output` see them.
 * It calls the real SDK, so it talks to the local AWS JSON server (AWS_ENDPOINT_URL) and the
 * shared strict fakes behind it. Sources (github:aws/aws-cli, branch v2):
 * - `awscli/clidriver.py` `_make_client_call`: an operation with a paginator is paginated unless
 *   `--no-paginate`; without one (or with it) the CLI makes one call.
 * - `awscli/formatter.py`: `FullyBufferedFormatter` (json) runs `build_full_result()` and then the
 *   query once on the whole result; `TextFormatter` applies the query to **each page** (the first
 *   page with the paginator's non-aggregate keys, the others with the result keys only) and
 *   prints each page's answer.
 * - `awscli/text.py`: a scalar prints as Python's `str()` (`None`, `True`) and a newline; an empty
 *   list prints nothing; a list of scalars prints tab-separated on one line; dicts print their
 *   scalar values (sorted by key) on one line, then their lists and dicts.
 * - Paginators: `awscli/botocore/data/ecs/2014-11-13/paginators-1.json` (ListTasks: nextToken,
 *   maxResults, result taskArns), `.../ssm/2014-11-06/paginators-1.json`
 *   (DescribeInstanceInformation: NextToken, MaxResults, result InstanceInformationList).
 * - Errors: a service error prints `An error occurred (Code) when calling the Op operation: …`
 *   and exits 254; a usage error (unknown option, `nargs='+'` with no value) exits 252
 *   (AWS CLI user guide, "Command line return codes").
 * Terminal commands (`execute-command`, `start-session`) make their API call, then append what
 * they would open to `$FAKE_AWS_CLI_SESSIONS` (JSON lines) instead of starting the plugin.
 */

type ParamKind = "string" | "list" | "number" | "flag" | "shorthandList" | "json";

export interface CliOperation {
  client: "ecs" | "ssm" | "sfn";
  /** The API operation (`ListTasks`): its SDK command is `${operation}Command`. */
  operation: string;
  /** `--option` → [API member, kind]. Anything else is refused as the CLI does. */
  params: Record<string, [string, ParamKind]>;
  paginator?: { inputToken: string; outputToken: string; resultKey: string };
  /** Opens a session: recorded instead of printed. */
  session?: boolean;
}

export const CLI_OPERATIONS: Record<string, CliOperation> = {
  "ecs list-tasks": {
    client: "ecs",
    operation: "ListTasks",
    params: {
      "--cluster": ["cluster", "string"],
      "--service-name": ["serviceName", "string"],
      "--desired-status": ["desiredStatus", "string"],
    },
    paginator: { inputToken: "nextToken", outputToken: "nextToken", resultKey: "taskArns" },
  },
  "ecs describe-tasks": {
    client: "ecs",
    operation: "DescribeTasks",
    params: { "--cluster": ["cluster", "string"], "--tasks": ["tasks", "list"] },
  },
  "ecs execute-command": {
    client: "ecs",
    operation: "ExecuteCommand",
    params: {
      "--cluster": ["cluster", "string"],
      "--task": ["task", "string"],
      "--container": ["container", "string"],
      "--interactive": ["interactive", "flag"],
      "--command": ["command", "string"],
    },
    session: true,
  },
  "ssm describe-instance-information": {
    client: "ssm",
    operation: "DescribeInstanceInformation",
    params: { "--filters": ["Filters", "shorthandList"] },
    paginator: {
      inputToken: "NextToken",
      outputToken: "NextToken",
      resultKey: "InstanceInformationList",
    },
  },
  "ssm start-session": {
    client: "ssm",
    operation: "StartSession",
    params: { "--target": ["Target", "string"], "--document-name": ["DocumentName", "string"] },
    session: true,
  },
  "ssm send-command": {
    client: "ssm",
    operation: "SendCommand",
    params: {
      "--instance-ids": ["InstanceIds", "list"],
      "--document-name": ["DocumentName", "string"],
      "--parameters": ["Parameters", "shorthandList"],
      "--cloudwatch-output-config": ["CloudWatchOutputConfig", "shorthandList"],
    },
  },
  "stepfunctions start-execution": {
    client: "sfn",
    operation: "StartExecution",
    params: {
      "--state-machine-arn": ["stateMachineArn", "string"],
      "--input": ["input", "string"],
    },
  },
  "stepfunctions describe-execution": {
    client: "sfn",
    operation: "DescribeExecution",
    params: { "--execution-arn": ["executionArn", "string"] },
  },
};

const MODULES = { ecs, ssm, sfn } as const;
const CLIENTS = { ecs: ecs.ECSClient, ssm: ssm.SSMClient, sfn: sfn.SFNClient } as const;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

class UsageError extends Error {}

/** Runs `aws ARGV…` as the CLI would; never throws. */
export async function runFakeAwsCli(argv: string[]): Promise<CliResult> {
  try {
    return await run(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      return { code: 252, stdout: "", stderr: `aws: error: ${error.message}\n` };
    }
    throw error;
  }
}

async function run(argv: string[]): Promise<CliResult> {
  const [service, command, ...rest] = argv;
  const key = `${service} ${command}`;
  const spec = CLI_OPERATIONS[key];
  if (!spec)
    throw new UsageError(`the fake CLI does not model "aws ${key}": add it with its source`);
  const globals = { region: "", query: "", output: "json", paginate: true };
  const input: Record<string, unknown> = {};
  for (let i = 0; i < rest.length; i++) {
    const option = rest[i];
    const values: string[] = [];
    while (i + 1 < rest.length && !rest[i + 1].startsWith("--")) values.push(rest[++i]);
    if (option === "--no-paginate") {
      globals.paginate = false;
    } else if (option === "--region" || option === "--query" || option === "--output") {
      if (values.length !== 1) throw new UsageError(`argument ${option}: expected one argument`);
      globals[option.slice(2) as "region" | "query" | "output"] = values[0];
    } else if (spec.params[option]) {
      const [member, kind] = spec.params[option];
      input[member] = parameter(option, kind, values);
    } else {
      throw new UsageError(`Unknown options: ${option}`);
    }
  }
  if (!["json", "text"].includes(globals.output)) {
    throw new UsageError(`the fake CLI models --output json and text, not ${globals.output}`);
  }
  const client = new CLIENTS[spec.client]({
    region: globals.region || process.env.AWS_REGION,
  }) as unknown as { send(command: unknown): Promise<unknown> };
  const commands = MODULES[spec.client] as unknown as Record<string, new (input: object) => never>;
  const call = async (request: Record<string, unknown>) => {
    const output = (await client.send(new commands[`${spec.operation}Command`](request))) as {
      $metadata?: unknown;
    };
    delete output.$metadata;
    return JSON.parse(JSON.stringify(output)) as Record<string, unknown>;
  };
  let pages: Record<string, unknown>[];
  try {
    pages = [];
    if (spec.paginator && globals.paginate) {
      const { inputToken, outputToken } = spec.paginator;
      let token: unknown;
      do {
        const page = await call({ ...input, ...(token ? { [inputToken]: token } : {}) });
        token = page[outputToken];
        pages.push(page);
      } while (token);
    } else {
      pages.push(await call(input));
    }
  } catch (error) {
    const { name, message } = error as Error;
    return {
      code: 254,
      stdout: "",
      stderr: `\nAn error occurred (${name}) when calling the ${spec.operation} operation: ${message}\n`,
    };
  }
  if (spec.session) {
    const log = process.env.FAKE_AWS_CLI_SESSIONS;
    if (log)
      fs.appendFileSync(log, JSON.stringify({ command: key, input, response: pages[0] }) + "\n");
    return { code: 0, stdout: "", stderr: "" };
  }
  return { code: 0, stdout: format(spec, pages, globals), stderr: "" };
}

function parameter(option: string, kind: ParamKind, values: string[]): unknown {
  if (kind === "flag") {
    if (values.length > 0) throw new UsageError(`argument ${option}: takes no value`);
    return true;
  }
  if (kind === "list") {
    if (values.length === 0)
      throw new UsageError(`argument ${option}: expected at least one argument`);
    return values;
  }
  if (values.length !== 1) throw new UsageError(`argument ${option}: expected one argument`);
  const [value] = values;
  if (kind === "number") return Number(value);
  if (kind === "json") return JSON.parse(value);
  if (kind === "shorthandList") return shorthand(value);
  return value;
}

/**
 * The CLI's shorthand syntax as our commands use it: `Key=a,Values=b` (a list of one structure;
 * `Values` is a list member) and `commands=["…"]` (a map of lists), `A=x,B=y` (a structure).
 */
function shorthand(value: string): unknown {
  if (value.startsWith("commands="))
    return { commands: JSON.parse(value.slice("commands=".length)) };
  const fields = Object.fromEntries(
    value.split(",").map((pair) => {
      const [name, ...rest] = pair.split("=");
      return [name, rest.join("=")];
    }),
  );
  if ("Key" in fields) return [{ Key: fields.Key, Values: [fields.Values] }];
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [k, v === "true" ? true : v === "false" ? false : v]),
  );
}

function format(
  spec: CliOperation,
  pages: Record<string, unknown>[],
  globals: { query: string; output: string },
): string {
  const query = (data: unknown) =>
    globals.query ? jmespath.search(data as never, globals.query) : data;
  if (globals.output === "json") {
    const full = spec.paginator && pages.length > 0 ? fullResult(spec, pages) : pages[0];
    const data = query(full);
    return data === null && globals.query ? "null\n" : `${JSON.stringify(data, null, 4)}\n`;
  }
  if (spec.paginator && pages.length > 0) {
    const { resultKey } = spec.paginator;
    // formatter.py TextFormatter: each page is queried and printed on its own.
    return pages.map((page) => formatText(query({ [resultKey]: page[resultKey] }))).join("");
  }
  return formatText(query(pages[0]));
}

/** botocore `PageIterator.build_full_result`: the result key's lists joined, the token dropped. */
function fullResult(spec: CliOperation, pages: Record<string, unknown>[]): Record<string, unknown> {
  const { resultKey, outputToken } = spec.paginator ?? { resultKey: "", outputToken: "" };
  const full: Record<string, unknown> = { ...pages[0] };
  delete full[outputToken];
  full[resultKey] = pages.flatMap((page) => (page[resultKey] as unknown[] | undefined) ?? []);
  return full;
}

/** `awscli/text.py` `format_text`. */
export function formatText(item: unknown, identifier?: string, scalarKeys?: string[]): string {
  if (Array.isArray(item)) return formatList(item, identifier);
  if (item !== null && typeof item === "object") {
    return formatDict(item as Record<string, unknown>, identifier, scalarKeys);
  }
  return `${pyStr(item)}\n`;
}

function formatList(items: unknown[], identifier?: string): string {
  if (items.length === 0) return "";
  const isDict = (e: unknown) => e !== null && typeof e === "object" && !Array.isArray(e);
  if (items.some(isDict)) {
    const keys = [
      ...new Set(
        items.flatMap((e) =>
          Object.entries(e as Record<string, unknown>)
            .filter(([, v]) => v === null || typeof v !== "object")
            .map(([k]) => k),
        ),
      ),
    ].sort();
    return items.map((e) => formatText(e, identifier, keys)).join("");
  }
  const scalars = items.filter((e) => e === null || typeof e !== "object");
  const others = items.filter((e) => e !== null && typeof e === "object");
  let out = "";
  if (scalars.length > 0) {
    out +=
      identifier === undefined
        ? `${scalars.map(pyStr).join("\t")}\n`
        : scalars.map((s) => `${identifier.toUpperCase()}\t${pyStr(s)}\n`).join("");
  }
  return out + others.map((o) => formatText(o, identifier)).join("");
}

function formatDict(
  item: Record<string, unknown>,
  identifier?: string,
  scalarKeys?: string[],
): string {
  const isScalar = (v: unknown) => v === null || typeof v !== "object";
  const keys =
    scalarKeys ??
    Object.keys(item)
      .filter((k) => isScalar(item[k]))
      .sort();
  const scalars = keys.map((k) => (scalarKeys ? pyStr(item[k] ?? "") : pyStr(item[k])));
  const rest = Object.keys(item)
    .filter((k) => !keys.includes(k) && !isScalar(item[k]))
    .sort();
  let out = "";
  if (scalars.length > 0) {
    out += `${[...(identifier !== undefined ? [identifier.toUpperCase()] : []), ...scalars].join("\t")}\n`;
  }
  return out + rest.map((k) => formatText(item[k], k)).join("");
}

/** Python's `str()` of a JSON value, as text.py writes scalars. */
function pyStr(value: unknown): string {
  if (value === null || value === undefined) return "None";
  if (value === true) return "True";
  if (value === false) return "False";
  return String(value);
}
