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

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({length: b.length + 1}, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** The end of an "unknown name" sentence: the suggestion when one is close, else `fallback`. */
export function didYouMean(input: string, candidates: readonly string[], fallback: string): string {
  const suggestion = closest(input, candidates);
  return suggestion === undefined ? fallback : `did you mean '${suggestion}'?`;
}
