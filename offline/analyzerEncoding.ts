/**
 * Analyzer requests written straight to protobuf bytes with google-protobuf's own BinaryWriter,
 * field by field as the generated `serializeBinary` writes them (pulumi/proto/analyzer_pb.js and
 * google/protobuf/struct_pb.js: same field numbers, same order, map keys sorted, empty proto3
 * strings left out), but from the plain resource objects: no message and no `Value` object per
 * property is built, which was most of the check's garbage. A test pins the bytes to the
 * generated messages' over real plans.
 */

/** The subset of jspb.BinaryWriter used here. */
export interface BinaryWriter {
  writeString(field: number, value: string): void;
  writeDouble(field: number, value: number): void;
  writeBool(field: number, value: boolean): void;
  writeEnum(field: number, value: number): void;
  writeRepeatedString(field: number, values: string[]): void;
  writeMessage<T>(field: number, value: T, write: (value: T, writer: BinaryWriter) => void): void;
  getResultBuffer(): Uint8Array;
}

/** One resource as an Analyze / AnalyzeStack request names it. */
export interface AnalyzerResourceFields {
  type: string;
  name: string;
  urn: string;
  properties: Record<string, unknown>;
  parent?: string;
  dependencies?: string[];
  /** Stack requests only: for each property, the URNs of the resources its value came from. */
  propertyDependencies?: Record<string, string[]>;
}

// google.protobuf.Value's fields (struct.proto).
const NULL_VALUE = 1;
const NUMBER_VALUE = 2;
const STRING_VALUE = 3;
const BOOL_VALUE = 4;
const STRUCT_VALUE = 5;
const LIST_VALUE = 6;

/** A value as JSON.stringify would hand it on (toJSON applied); undefined where JSON drops it. */
function jsonValue(value: unknown): unknown {
  const json =
    value !== null && typeof (value as { toJSON?: unknown })?.toJSON === "function"
      ? (value as { toJSON(): unknown }).toJSON()
      : value;
  return typeof json === "function" || typeof json === "symbol" ? undefined : json;
}

function writeJson(json: unknown, writer: BinaryWriter): void {
  if (typeof json === "string") {
    writer.writeString(STRING_VALUE, json);
  } else if (typeof json === "number") {
    writer.writeDouble(NUMBER_VALUE, json + 0); // JSON writes -0 as 0
  } else if (typeof json === "boolean") {
    writer.writeBool(BOOL_VALUE, json);
  } else if (Array.isArray(json)) {
    writer.writeMessage(LIST_VALUE, json, writeList);
  } else {
    writer.writeMessage(STRUCT_VALUE, json as Record<string, unknown>, writeStruct);
  }
}

function writeNull(_: unknown, writer: BinaryWriter): void {
  writer.writeEnum(NULL_VALUE, 0);
}

/**
 * A Value message in `field`. JSON's nulls (null; undefined in a list; NaN, ±Infinity) are a
 * null_value; the writer skips a message given null, so those pass a stand-in.
 */
function writeValue(writer: BinaryWriter, field: number, value: unknown): void {
  const json = jsonValue(value);
  if (json === null || json === undefined || (typeof json === "number" && !Number.isFinite(json))) {
    writer.writeMessage(field, true, writeNull);
  } else {
    writer.writeMessage(field, json, writeJson);
  }
}

function writeList(values: unknown[], writer: BinaryWriter): void {
  for (const value of values) {
    writeValue(writer, 1, value);
  }
}

/** Struct `fields` (map<string, Value> = 1): one entry (key = 1, value = 2) per key, sorted. */
export function writeStruct(object: Record<string, unknown>, writer: BinaryWriter): void {
  for (const key of Object.keys(object).sort()) {
    const value = object[key];
    if (jsonValue(value) !== undefined) {
      writer.writeMessage(1, key, (entryKey, entry) => {
        entry.writeString(1, entryKey);
        writeValue(entry, 2, value);
      });
    }
  }
}

function writeNonEmpty(writer: BinaryWriter, field: number, value: string | undefined): void {
  if (value) {
    writer.writeString(field, value);
  }
}

/**
 * AnalyzeRequest and AnalyzerResource share fields 1-5 (6, the provider, is not sent); parent
 * (7), dependencies (8) and property dependencies (9) are AnalyzerResource's, as the engine
 * sends them with every resource of an AnalyzeStack call (pulumi/proto analyzer.proto).
 */
export function writeResource(resource: AnalyzerResourceFields, writer: BinaryWriter): void {
  writeNonEmpty(writer, 1, resource.type);
  writer.writeMessage(2, resource.properties, writeStruct);
  writeNonEmpty(writer, 3, resource.urn);
  writeNonEmpty(writer, 4, resource.name);
  // Empty AnalyzerResourceOptions, as the engine sends when no option is set.
  writer.writeMessage(5, true, () => undefined);
  writeNonEmpty(writer, 7, resource.parent);
  if (resource.dependencies && resource.dependencies.length > 0) {
    writer.writeRepeatedString(8, resource.dependencies);
  }
  // map<string, AnalyzerPropertyDependencies> property_dependencies = 9: entries by sorted key
  // (google-protobuf Map.serializeBinary), each a key (1) and a message of `urns` (1).
  for (const key of Object.keys(resource.propertyDependencies ?? {}).sort()) {
    const urns = (resource.propertyDependencies as Record<string, string[]>)[key];
    writer.writeMessage(9, key, (entryKey, entry) => {
      entry.writeString(1, entryKey);
      entry.writeMessage(2, urns, (list, value) => {
        if (list.length > 0) value.writeRepeatedString(1, list);
      });
    });
  }
}

/** AnalyzeStackRequest: `repeated AnalyzerResource resources = 1`. */
export function writeStackRequest(resources: AnalyzerResourceFields[], writer: BinaryWriter): void {
  for (const resource of resources) {
    writer.writeMessage(1, resource, writeResource);
  }
}

/** The bytes of one request, written by `write` into a fresh writer. */
export function encode<T>(
  Writer: new () => BinaryWriter,
  value: T,
  write: (value: T, writer: BinaryWriter) => void,
): Buffer {
  const writer = new Writer();
  write(value, writer);
  const bytes = writer.getResultBuffer();
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Resources written between two yields of {@link encodeStackRequestInSlices}: a few ms each. */
const STACK_SLICE = 100;

/**
 * The bytes of an AnalyzeStackRequest, written a slice of resources at a time with a turn of the
 * event loop between slices, so the Analyze calls still in flight keep being sent and answered
 * while it is written (10,000 resources take about half a second to write, during which the pack
 * would otherwise wait). Byte for byte the same as `encode(Writer, resources, writeStackRequest)`:
 * a repeated field is its entries one after another (protobuf encoding guide, "Repeated
 * Elements"), so the slices' bytes concatenate to the whole request's.
 */
export async function encodeStackRequestInSlices(
  Writer: new () => BinaryWriter,
  resources: AnalyzerResourceFields[],
  slice = STACK_SLICE,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let start = 0; start < resources.length; start += slice) {
    chunks.push(encode(Writer, resources.slice(start, start + slice), writeStackRequest));
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  return Buffer.concat(chunks);
}
