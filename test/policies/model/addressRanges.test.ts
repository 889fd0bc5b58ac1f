import * as assert from "assert";
import { coversEveryAddress, parseCidr } from "../../../policies/model/addressRanges";

const ranges = (...cidrs: string[]) => cidrs.map((cidr) => parseCidr(cidr)!);

describe("policies/model/addressRanges", () => {
  it("reads IPv4 and IPv6 blocks, masking host bits as EC2 does", () => {
    assert.deepStrictEqual(parseCidr("10.1.2.3/8"), {
      family: "IPv4",
      first: 0x0a000000n,
      last: 0x0affffffn,
    });
    assert.deepStrictEqual(parseCidr("2001:db8::1/32"), {
      family: "IPv6",
      first: 0x20010db8n << 96n,
      last: (0x20010db8n << 96n) + (1n << 96n) - 1n,
    });
    assert.deepStrictEqual(parseCidr("::/0"), {
      family: "IPv6",
      first: 0n,
      last: (1n << 128n) - 1n,
    });
  });
  it("refuses what is not a CIDR block", () => {
    for (const text of [
      "0.0.0.0",
      "256.0.0.0/0",
      "10.0.0.0/33",
      "1::2::3/64",
      "1:2:3/64",
      "sg-1",
      42,
    ]) {
      assert.strictEqual(parseCidr(text), undefined, String(text));
    }
  });
  it("tells when blocks together cover a whole family", () => {
    assert.ok(coversEveryAddress(ranges("0.0.0.0/0"), "IPv4"));
    assert.ok(coversEveryAddress(ranges("128.0.0.0/1", "0.0.0.0/1"), "IPv4"));
    assert.ok(coversEveryAddress(ranges("0.0.0.0/2", "64.0.0.0/2", "128.0.0.0/1"), "IPv4"));
    assert.ok(!coversEveryAddress(ranges("0.0.0.0/1", "192.0.0.0/2"), "IPv4"));
    assert.ok(!coversEveryAddress(ranges("0.0.0.0/0"), "IPv6"));
    assert.ok(coversEveryAddress(ranges("::/1", "8000::/1"), "IPv6"));
    assert.ok(!coversEveryAddress([], "IPv4"));
  });
});
