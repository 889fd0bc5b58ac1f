/** Memory sizes (MiB) Fargate accepts for each CPU value (CPU units). */
const FARGATE_MEMORY_BY_CPU: ReadonlyMap<number, readonly number[]> = new Map([
  [256, [512, 1024, 2048]],
  [512, range(1024, 4096, 1024)],
  [1024, range(2048, 8192, 1024)],
  [2048, range(4096, 16384, 1024)],
  [4096, range(8192, 30720, 1024)],
  [8192, range(16384, 61440, 4096)],
  [16384, range(32768, 122880, 8192)],
]);

function range(from: number, to: number, step: number): number[] {
  const values: number[] = [];
  for (let value = from; value <= to; value += step) {
    values.push(value);
  }
  return values;
}

export const FARGATE_CPU_VALUES: readonly number[] = [...FARGATE_MEMORY_BY_CPU.keys()];

/** The memory sizes valid with `cpu`, or an empty list when `cpu` itself is not valid. */
export function fargateMemoryFor(cpu: number): readonly number[] {
  return FARGATE_MEMORY_BY_CPU.get(cpu) ?? [];
}

/** Describes the allowed memory values compactly, e.g. "2048 to 8192 in steps of 1024". */
export function describeMemoryOptions(cpu: number): string {
  const sizes = fargateMemoryFor(cpu);
  if (sizes.length <= 3) {
    return sizes.join(", ");
  }
  return `${sizes[0]} to ${sizes[sizes.length - 1]} in steps of ${sizes[1] - sizes[0]}`;
}
