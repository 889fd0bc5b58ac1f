import * as v8 from "v8";

/**
 * How much V8 lets the old generation grow past what survived the last full collection before it
 * collects again, in percent. V8's default factor is computed from the collector's and the
 * program's speed, between `kMinGrowingFactor` (1.1) and `kMaxGrowingFactor` of its
 * `BaseControllerTrait` (src/heap/heap-controller.h, `MemoryController<Trait>::GrowingFactor`):
 * on an AnalyzeStack call of 10,000 resources, where @pulumi/policy's server builds every
 * resource's object anew for each of the pack's stack rules, the heap grew to ~550 MiB resident
 * around ~175 MiB of live objects (a heap snapshot mid-call). At 30 % the peak was ~390 MiB for
 * about the same CPU time (full collections here take 10-20 ms each); at 10 % it was ~360 MiB
 * but for ~1.5 s more CPU time. A small stack never reaches a full collection, so the dev
 * check does not change.
 */
export const HEAP_GROWING_PERCENT = 30;

/**
 * Sets {@link HEAP_GROWING_PERCENT} on this process. `--heap-growing-percent` is read each time
 * V8 computes the next old-generation limit (src/heap/heap-controller.cc GrowingFactor: when
 * `v8_flags.heap_growing_percent` is above 0, the factor is `1 + heap_growing_percent / 100`;
 * flag-definitions.h: default 0), so setting it after start takes effect, unlike
 * heap-size flags (`--max-semi-space-size` set this way leaves the young generation as it was:
 * measured). Node documents `v8.setFlagsFromString` as taking V8 flags at run time, to be used
 * with care; this one changes only when the collector runs, never what the rules see. The
 * pack's entry (index.ts) calls it: the Pulumi CLI and the offline check both run the pack in a
 * node process of its own through that entry, so both get it.
 */
export function limitHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
