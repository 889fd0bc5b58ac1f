/** Edit distance (insertions, deletions, substitutions) between two strings. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The known word closest to `word` (case-insensitive), when it is close enough to be a typo:
 * at most a third of its length away (at least 2 edits allowed). `undefined` otherwise.
 */
export function closest(word: string, known: readonly string[]): string | undefined {
  const lower = word.toLowerCase();
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (!best || distance < best.distance) {
      best = { candidate, distance };
    }
  }
  const limit = Math.max(2, Math.ceil(word.length / 3));
  return best && best.distance <= limit ? best.candidate : undefined;
}

/** ` Did you mean X?` when a known word is close to `word`, else an empty string. */
export function didYouMean(word: string, known: readonly string[], render = (s: string) => s) {
  const match = closest(word, known);
  return match === undefined ? "" : ` Did you mean ${render(match)}?`;
}
