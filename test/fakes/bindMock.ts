import { MetadataBearer } from "@smithy/types";
import { AwsClientStub } from "aws-sdk-client-mock";
import { FakeAwsError, FakeService } from "./fakeService";

/** Any aws-sdk-client-mock stub (`mockClient(SSMClient)`, `mockClient(ECSClient)`, …). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyClientStub = AwsClientStub<any>;

interface SentCommand {
  constructor: { name: string };
  input?: unknown;
}

/**
 * Routes every command the stubbed client sends to the fake operation of the same name
 * (`DescribeInstanceInformationCommand` → `DescribeInstanceInformation`). A thrown FakeAwsError
 * becomes the error the SDK would raise ({@link toSdkError}), so retry and "already gone" logic
 * see what they would see from AWS. An operation the fake lacks fails the test loudly. Call it
 * again after `stub.reset()`. Calls stay recorded (`stub.commandCalls(...)`), but tests should
 * assert on the fake's state.
 */
export function bindFakeToMock(stub: AnyClientStub, service: FakeService): void {
  stub.send.callsFake(async (command: SentCommand): Promise<MetadataBearer> => {
    const operation = command.constructor.name.replace(/Command$/, "");
    const fake = service[operation];
    if (!fake) {
      throw new Error(`The fake has no ${operation}; add it there, with its AWS source.`);
    }
    try {
      const output = await fake((command.input ?? {}) as Record<string, unknown>);
      return { $metadata: { httpStatusCode: 200 }, ...(structuredClone(output) as object) };
    } catch (error) {
      throw error instanceof FakeAwsError ? toSdkError(error) : error;
    }
  });
}

/** The fields of an SDK v3 service exception that code inspecting errors reads. */
export function toSdkError(error: FakeAwsError): Error {
  return Object.assign(new Error(error.message), {
    name: error.code,
    $fault: error.httpStatus >= 500 ? "server" : "client",
    $metadata: { httpStatusCode: error.httpStatus },
  });
}
