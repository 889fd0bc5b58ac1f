import * as http from "http";
import { AddressInfo } from "net";
import { FakeAwsError, FakeService } from "./fakeService";

/**
 * A local endpoint that speaks the wire protocols of the services our CLIs call, so the real
 * SDK v3 (through AWS_ENDPOINT_URL) serialises, signs, retries and paginates as against AWS:
 * - AWS JSON 1.0/1.1 (Step Functions, CloudWatch Logs, ECS, SSM): `POST /`, header
 *   `X-Amz-Target: <ServicePrefix>.<Operation>`, `Content-Type: application/x-amz-json-1.x`;
 *   errors are HTTP 4xx/5xx with `{"__type": code, "message": …}` (Smithy "AWS JSON 1.0/1.1
 *   protocol" specification, "Operation error serialization").
 * - AWS Query (STS): form-encoded `Action=…&Version=…`, XML `<ActionResponse><ActionResult>`
 *   replies and `<ErrorResponse><Error><Code>` errors (Smithy "AWS query protocol").
 * The service is picked by the SigV4 signing name in the Authorization header's credential
 * scope (`Credential=AKID/date/region/<service>/aws4_request`).
 */
export interface AwsWireServer {
  /** `http://127.0.0.1:<port>`: the value for AWS_ENDPOINT_URL. */
  endpoint: string;
  /** Every call, as CloudTrail would record it: who (access key) called what. */
  trail: { service: string; operation: string; accessKeyId: string }[];
  close(): Promise<void>;
}

/** `services` by SigV4 signing name: `states`, `logs`, `ecs`, `ssm`, `sts`. */
export async function startAwsWireServer(
  services: Record<string, FakeService>,
): Promise<AwsWireServer> {
  const trail: AwsWireServer["trail"] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const reply = handle(services, trail, request, body);
      response.writeHead(reply.status, {
        "content-type": reply.contentType,
        "x-amzn-requestid": "00000000-0000-4000-8000-000000000000",
      });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    trail,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

interface Reply {
  status: number;
  contentType: string;
  body: string;
}

function handle(
  services: Record<string, FakeService>,
  trail: AwsWireServer["trail"],
  request: http.IncomingMessage,
  body: string,
): Reply {
  const scope = /Credential=([^/]+)\/[^/]+\/[^/]+\/([^/]+)\/aws4_request/.exec(
    String(request.headers.authorization ?? ""),
  );
  if (!scope) {
    return jsonError(
      new FakeAwsError(
        "MissingAuthenticationTokenException",
        "Request is missing Authentication Token",
        403,
      ),
      "1.1",
    );
  }
  const [, accessKeyId, signingName] = scope;
  if (accessKeyId.startsWith("ASIA") && !request.headers["x-amz-security-token"]) {
    // Temporary (ASIA…) keys are only valid with their session token (IAM user guide,
    // "Using temporary credentials with AWS resources"); AWS answers UnrecognizedClientException.
    return jsonError(
      new FakeAwsError(
        "UnrecognizedClientException",
        "The security token included in the request is invalid.",
      ),
      "1.1",
    );
  }
  const service = services[signingName];
  const target = request.headers["x-amz-target"];
  const contentType = String(request.headers["content-type"] ?? "");
  const jsonVersion = /application\/x-amz-json-(1\.[01])/.exec(contentType)?.[1];
  if (typeof target === "string" && jsonVersion) {
    const operation = target.split(".").pop() ?? "";
    trail.push({ service: signingName, operation, accessKeyId });
    return invokeJson(service, signingName, operation, body, jsonVersion, accessKeyId);
  }
  if (contentType.startsWith("application/x-www-form-urlencoded")) {
    const form = new URLSearchParams(body);
    const operation = form.get("Action") ?? "";
    trail.push({ service: signingName, operation, accessKeyId });
    return invokeQuery(service, signingName, operation, form, accessKeyId);
  }
  return jsonError(
    new FakeAwsError("UnknownOperationException", `no protocol for ${contentType}`),
    "1.1",
  );
}

function lookup(service: FakeService | undefined, signingName: string, operation: string) {
  const fn = service && Object.hasOwn(service, operation) ? service[operation] : undefined;
  if (!fn) {
    throw new FakeAwsError(
      "UnknownOperationException",
      `the fake ${signingName} has no operation ${operation}`,
    );
  }
  return fn;
}

function invokeJson(
  service: FakeService | undefined,
  signingName: string,
  operation: string,
  body: string,
  version: string,
  accessKeyId: string,
): Reply {
  try {
    const input = (body ? JSON.parse(body) : {}) as Record<string, unknown>;
    const output = lookup(service, signingName, operation)(input, { accessKeyId }) ?? {};
    return {
      status: 200,
      contentType: `application/x-amz-json-${version}`,
      body: JSON.stringify(output, jsonTimestamps),
    };
  } catch (error) {
    return jsonError(error, version);
  }
}

/** JSON protocols send timestamps as epoch seconds (Smithy `epoch-seconds` default). */
function jsonTimestamps(this: Record<string, unknown>, key: string, value: unknown) {
  const raw = this[key];
  return raw instanceof Date ? raw.getTime() / 1000 : value;
}

function jsonError(error: unknown, version: string): Reply {
  const known = error instanceof FakeAwsError;
  return {
    status: known ? error.httpStatus : 500,
    contentType: `application/x-amz-json-${version}`,
    body: JSON.stringify({
      __type: known ? error.code : "InternalFailure",
      message: error instanceof Error ? error.message : String(error),
    }),
  };
}

/** Query input: flat `Name=value` members only (enough for STS AssumeRole / GetCallerIdentity). */
function invokeQuery(
  service: FakeService | undefined,
  signingName: string,
  operation: string,
  form: URLSearchParams,
  accessKeyId: string,
): Reply {
  try {
    const input: Record<string, unknown> = {};
    for (const [key, value] of form) {
      // A number unless a leading zero says it is text (an MFA TokenCode such as 012345).
      if (key !== "Action" && key !== "Version")
        input[key] = /^(0|[1-9]\d*)$/.test(value) ? Number(value) : value;
    }
    const output = lookup(service, signingName, operation)(input, { accessKeyId }) ?? {};
    return {
      status: 200,
      contentType: "text/xml",
      body: `<${operation}Response xmlns="https://${signingName}.amazonaws.com/doc/2011-06-15/"><${operation}Result>${toXml(output)}</${operation}Result><ResponseMetadata><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ResponseMetadata></${operation}Response>`,
    };
  } catch (error) {
    const known = error instanceof FakeAwsError;
    return {
      status: known ? error.httpStatus : 500,
      contentType: "text/xml",
      body: `<ErrorResponse><Error><Type>${known ? "Sender" : "Receiver"}</Type><Code>${known ? error.code : "InternalFailure"}</Code><Message>${escapeXml(error instanceof Error ? error.message : String(error))}</Message></Error><RequestId>00000000-0000-4000-8000-000000000000</RequestId></ErrorResponse>`,
    };
  }
}

/** Structures become elements, lists `<member>` elements, timestamps ISO 8601 (Query protocol). */
function toXml(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return value.map((item) => `<member>${toXml(item)}</member>`).join("");
  if (typeof value === "object" && value !== null) {
    return Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `<${k}>${toXml(v)}</${k}>`)
      .join("");
  }
  return escapeXml(String(value));
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Wraps one operation so its first `times` calls fail with ThrottlingException, HTTP 400, as
 * AWS throttles ("Common errors", e.g. Step Functions / ECS API references).
 */
export function throttleFirst(service: FakeService, operation: string, times: number): FakeService {
  let left = times;
  const original = service[operation];
  return {
    ...service,
    [operation]: (input, caller) => {
      if (left > 0) {
        left--;
        throw new FakeAwsError("ThrottlingException", "Rate exceeded");
      }
      return original(input, caller);
    },
  };
}
