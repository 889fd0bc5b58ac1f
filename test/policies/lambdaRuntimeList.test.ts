import * as assert from "assert";
import { UNSUPPORTED_RUNTIMES_CHECKED_ON } from "../../policies/rules/lambdaSupportedRuntime";

/** Past this age the deprecated-runtime list has to be checked against AWS's page again. */
const MAXIMUM_AGE_DAYS = 180;

describe("lambda-supported-runtime: the deprecated-runtime list is current", () => {
  it(`was checked against the Lambda runtime deprecation page in the last ${MAXIMUM_AGE_DAYS} days`, () => {
    const checked = Date.parse(`${UNSUPPORTED_RUNTIMES_CHECKED_ON}T00:00:00Z`);
    assert.ok(!Number.isNaN(checked), `not a date: ${UNSUPPORTED_RUNTIMES_CHECKED_ON}`);
    const ageDays = (Date.now() - checked) / 86_400_000;
    assert.ok(ageDays >= -1, `checked in the future: ${UNSUPPORTED_RUNTIMES_CHECKED_ON}`);
    assert.ok(
      ageDays <= MAXIMUM_AGE_DAYS,
      `DEFAULT_UNSUPPORTED_RUNTIMES was last checked on ${UNSUPPORTED_RUNTIMES_CHECKED_ON}, ` +
        `${Math.floor(ageDays)} days ago: read https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html ` +
        "(deprecated runtimes), update the list and UNSUPPORTED_RUNTIMES_CHECKED_ON.",
    );
  });
});
