import * as assert from "assert";
import * as grpc from "@grpc/grpc-js";
import { GrpcUnaryChannel } from "../../offline/grpcUnary";

/** A grpc-js server (the pack's kind) with raw-bytes methods: echo, fail, and never answer. */
async function startServer(): Promise<{ server: grpc.Server; address: string }> {
  const bytes = {
    requestStream: false,
    responseStream: false,
    requestSerialize: (value: Buffer) => value,
    requestDeserialize: (value: Buffer) => value,
    responseSerialize: (value: Buffer) => value,
    responseDeserialize: (value: Buffer) => value,
  };
  const service = {
    Echo: { ...bytes, path: "/test.Bytes/Echo" },
    Fail: { ...bytes, path: "/test.Bytes/Fail" },
    Hang: { ...bytes, path: "/test.Bytes/Hang" },
  };
  const server = new grpc.Server();
  server.addService(service, {
    Echo: (call: grpc.ServerUnaryCall<Buffer, Buffer>, done: grpc.sendUnaryData<Buffer>) =>
      done(null, Buffer.concat([Buffer.from("echo:"), call.request])),
    Fail: (_: unknown, done: grpc.sendUnaryData<Buffer>) =>
      done({ code: grpc.status.INVALID_ARGUMENT, details: "bad resource: 100% wrong" }),
    Hang: () => undefined,
  });
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (err, bound) =>
      err ? reject(err) : resolve(bound),
    ),
  );
  return { server, address: `127.0.0.1:${port}` };
}

describe("GrpcUnaryChannel (gRPC over HTTP/2 without grpc-js's client)", () => {
  let server: grpc.Server;
  let channel: GrpcUnaryChannel;

  before(async () => {
    const started = await startServer();
    server = started.server;
    channel = new GrpcUnaryChannel(started.address);
  });

  after(() => {
    channel.close();
    server.forceShutdown();
  });

  it("sends a message a grpc-js server reads, and reads its answer, many calls at once", async () => {
    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        channel.call("/test.Bytes/Echo", Buffer.from(`message ${i}`), 5_000),
      ),
    );
    assert.deepStrictEqual(
      answers.map((answer) => answer.toString()),
      Array.from({ length: 50 }, (_, i) => `echo:message ${i}`),
    );
  });

  it("passes an empty message and a large one (several HTTP/2 frames) intact", async () => {
    assert.strictEqual((await channel.call("/test.Bytes/Echo", Buffer.alloc(0), 5_000)).length, 5);
    const large = Buffer.alloc(3 * 2 ** 20, 7);
    const answer = await channel.call("/test.Bytes/Echo", large, 5_000);
    assert.ok(answer.subarray(5).equals(large));
  });

  it("rejects with the server's status and its decoded message", async () => {
    await assert.rejects(
      channel.call("/test.Bytes/Fail", Buffer.from("x"), 5_000),
      /\/test\.Bytes\/Fail: gRPC status 3: bad resource: 100% wrong/,
    );
  });

  it("rejects a method the server does not have (status 12, unimplemented)", async () => {
    await assert.rejects(
      channel.call("/test.Bytes/Nope", Buffer.from("x"), 5_000),
      /gRPC status 12/,
    );
  });

  it("gives up when the deadline passes", async () => {
    const started = Date.now();
    await assert.rejects(
      channel.call("/test.Bytes/Hang", Buffer.from("x"), 200),
      /deadline of 200 ms exceeded/,
    );
    assert.ok(Date.now() - started < 2_000);
  });

  it("rejects at once, naming the cause, when nothing listens (the pack has exited)", async () => {
    const server = await startServer();
    const address = server.address;
    server.server.forceShutdown();
    const orphan = new GrpcUnaryChannel(address);
    await assert.rejects(orphan.call("/test.Bytes/Echo", Buffer.from("x"), 5_000), /ECONNREFUSED/);
    orphan.close();
  });
});
