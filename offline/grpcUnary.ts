import * as http2 from "http2";

/**
 * Unary gRPC calls over one HTTP/2 connection, for requests that are already protobuf bytes.
 * The wire format is gRPC's own (doc/PROTOCOL-HTTP2.md in github.com/grpc/grpc): a POST to
 * `/<package>.<Service>/<Method>` with `content-type: application/grpc` and `te: trailers`, the
 * message framed as one byte "compressed" flag (0 here) and a 4-byte big-endian length; the
 * answer framed the same way, its status in the `grpc-status` trailer (or in the headers of a
 * trailers-only answer) with a percent-encoded `grpc-message`. Any gRPC server, the pack's
 * @grpc/grpc-js one included, sees the same calls as from @grpc/grpc-js's client, which spends
 * most of a small call's time in its interceptor, load-balancing and retry layers.
 */
/** Requests from this size on are not copied behind their frame prefix. */
const SPLIT_BYTES = 64 * 1024;

export class GrpcUnaryChannel {
  private session: http2.ClientHttp2Session | undefined;

  constructor(private readonly address: string) {}

  private connect(): http2.ClientHttp2Session {
    if (!this.session || this.session.closed || this.session.destroyed) {
      const session = http2.connect(`http://${this.address}`);
      // A connection error fails the calls in flight (each stream gets it); none is left unhandled.
      session.on("error", () => undefined);
      this.session = session;
    }
    return this.session;
  }

  /** Sends `request` to `path`; resolves with the answer's message bytes. */
  call(path: string, request: Uint8Array, deadlineMs: number): Promise<Buffer> {
    const prefix = Buffer.alloc(5);
    prefix.writeUInt32BE(request.byteLength, 1);
    // A small message goes out in one write; a large one (AnalyzeStack) after its prefix, uncopied.
    const outgoing =
      request.byteLength < SPLIT_BYTES ? [Buffer.concat([prefix, request])] : [prefix, request];
    return new Promise((resolve, reject) => {
      const stream = this.connect().request({
        ":method": "POST",
        ":path": path,
        "content-type": "application/grpc",
        te: "trailers",
        // At most 8 digits, unit m (milliseconds).
        "grpc-timeout": `${Math.min(Math.max(1, Math.ceil(deadlineMs)), 99_999_999)}m`,
      });
      const chunks: Buffer[] = [];
      let status: string | undefined;
      let message = "";
      const readStatus = (headers: http2.IncomingHttpHeaders) => {
        if (headers["grpc-status"] !== undefined) {
          status = String(headers["grpc-status"]);
          message = decodeURIComponent(String(headers["grpc-message"] ?? ""));
        }
      };
      const timer = setTimeout(() => {
        stream.close(http2.constants.NGHTTP2_CANCEL);
        reject(new Error(`${path}: deadline of ${deadlineMs} ms exceeded`));
      }, deadlineMs);
      stream.on("response", readStatus);
      stream.on("trailers", readStatus);
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      stream.on("close", () => {
        clearTimeout(timer);
        const body = Buffer.concat(chunks);
        if (status !== "0") {
          reject(new Error(`${path}: gRPC status ${status ?? "missing"}: ${message}`.trim()));
        } else if (body.length < 5 || body[0] !== 0 || body.readUInt32BE(1) !== body.length - 5) {
          reject(new Error(`${path}: expected one uncompressed message, got ${body.length} bytes`));
        } else {
          resolve(body.subarray(5));
        }
      });
      outgoing.forEach((chunk, index) =>
        index === outgoing.length - 1 ? stream.end(chunk) : stream.write(chunk),
      );
    });
  }

  close(): void {
    this.session?.close();
  }
}
