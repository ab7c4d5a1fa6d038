// "Did you mean …?" for names typed by hand: knobs, values, scenarios, commands, options.

/** The candidate the user most likely meant, or undefined when none is close enough to help. */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  const typed = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  let bestGap = Infinity;
  for (const candidate of candidates) {
    const lower = candidate.toLowerCase();
    const distance = editDistance(typed, lower);
    const gap = codeGap(typed, lower);
    if (distance < bestDistance || (distance === bestDistance && gap < bestGap)) {
      best = candidate;
      bestDistance = distance;
      bestGap = gap;
    }
  }
  // A third of the word may be wrong, but at least two typos are always forgiven.
  if (best !== undefined && bestDistance <= Math.max(2, Math.floor(typed.length / 3))) return best;
  // Typing only the start of a long name ('tfo' for 'tfo-request') or adding to a name
  // ('tls13-0rtt-accepted' for 'tls13-0rtt') is too far by edit distance but plainly meant.
  if (typed.length >= 2) {
    const started = candidates.find((c) => c.toLowerCase().startsWith(typed));
    if (started !== undefined) return started;
  }
  const extended = candidates
    .filter((c) => c.length >= 3 && typed.startsWith(c.toLowerCase()))
    .sort((a, b) => b.length - a.length);
  return extended[0];
}

/**
 * How far apart the characters at the same positions are in code order: breaks ties between
 * equally distant names, so 'tls14' suggests its neighbour 'tls13' rather than 'tls12'.
 */
function codeGap(a: string, b: string): number {
  let gap = 0;
  for (let i = 0; i < Math.min(a.length, b.length); i++) gap += Math.abs(a.charCodeAt(i) - b.charCodeAt(i));
  return gap;
}

/**
 * Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1, since 'tls31' is one slip from 'tls13', not two.
 */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({length: a.length + 1}, (_, i) => Array.from({length: b.length + 1}, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i]!;
      const up = d[i - 1]!;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(up[j]! + 1, row[j - 1]! + 1, up[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, d[i - 2]![j - 2]! + 1);
    }
  }
  return d[a.length]![b.length]!;
}

/** The end of an "unknown name" sentence: the suggestion when one is close, else `fallback`. */
export function didYouMean(input: string, candidates: readonly string[], fallback: string): string {
  const suggestion = closest(input, candidates);
  return suggestion === undefined ? fallback : `did you mean '${suggestion}'?`;
}
