import { show } from "./fieldReader";
import { LOG_RETENTION_DAYS } from "./patterns";
import { Field } from "./schema";

/** `fargate-access:logRetentionDays`. */
export const LOG_RETENTION_FIELD: Field<number> = {
  defaultText: "`30`",
  doc: `retention of every log group the stack creates; a value CloudWatch Logs accepts (${LOG_RETENTION_DAYS.join(", ")})`,
  read: (root, key) => {
    const value = root.has(key) ? root.value(key) : 30;
    if (typeof value === "number" && (LOG_RETENTION_DAYS as readonly number[]).includes(value)) {
      return value;
    }
    root.fail(key, `${show(value)} is not allowed; use one of ${LOG_RETENTION_DAYS.join(", ")}.`);
    return 30;
  },
};
