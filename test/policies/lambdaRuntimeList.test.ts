import * as assert from "assert";
import { Runtime } from "@aws-sdk/client-lambda";
import {
  DEFAULT_UNSUPPORTED_RUNTIMES,
  RUNTIME_DEPRECATION_DATES,
  RUNTIMES_WITHOUT_SCHEDULE,
  runtimesDeprecatedBy,
  UNSUPPORTED_RUNTIMES_CHECKED_ON,
} from "../../policies/rules/lambdaSupportedRuntime";

/** Past this age the deprecation table has to be checked against AWS's pages again. */
const MAXIMUM_AGE_DAYS = 180;
const RECHECK =
  "read https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html (supported and deprecated runtimes), " +
  "update RUNTIME_DEPRECATION_DATES and UNSUPPORTED_RUNTIMES_CHECKED_ON.";
const today = () => new Date().toISOString().slice(0, 10);

describe("lambda-supported-runtime: the deprecated-runtime table is current", () => {
  it(`was checked against the Lambda runtime pages in the last ${MAXIMUM_AGE_DAYS} days`, () => {
    const checked = Date.parse(`${UNSUPPORTED_RUNTIMES_CHECKED_ON}T00:00:00Z`);
    assert.ok(!Number.isNaN(checked), `not a date: ${UNSUPPORTED_RUNTIMES_CHECKED_ON}`);
    const ageDays = (Date.now() - checked) / 86_400_000;
    assert.ok(ageDays >= -1, `checked in the future: ${UNSUPPORTED_RUNTIMES_CHECKED_ON}`);
    assert.ok(
      ageDays <= MAXIMUM_AGE_DAYS,
      `checked on ${UNSUPPORTED_RUNTIMES_CHECKED_ON}, ${Math.floor(ageDays)} days ago: ${RECHECK}`,
    );
  });
  it("no scheduled deprecation has passed since the check", () => {
    const passed = runtimesDeprecatedBy(today()).filter(
      (runtime) => !DEFAULT_UNSUPPORTED_RUNTIMES.includes(runtime),
    );
    assert.deepStrictEqual(
      passed,
      [],
      `deprecated since the check: ${passed.join(", ")}; ${RECHECK}`,
    );
  });
  it("every runtime the Lambda API model knows has a date (a new one means a new table)", () => {
    const unexpected = Object.values(Runtime).filter(
      (id) => !(id in RUNTIME_DEPRECATION_DATES) && !RUNTIMES_WITHOUT_SCHEDULE.includes(id),
    );
    assert.deepStrictEqual(
      unexpected,
      [],
      `no deprecation date for ${unexpected.join(", ")}; ${RECHECK}`,
    );
  });
  it("dates are days (YYYY-MM-DD)", () => {
    for (const [runtime, day] of Object.entries(RUNTIME_DEPRECATION_DATES)) {
      assert.match(day, /^\d{4}-\d{2}-\d{2}$/, runtime);
    }
  });
});
