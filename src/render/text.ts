// Column arithmetic for plain-text output. Lengths count code points, so the box-drawing
// characters of the ladder (─ ▶ ◀ ✕ …) count as one column each, as terminals draw them.

export function width(text: string): number {
  return [...text].length;
}

/** `text` cut to at most `columns`, ending in … when something was cut. */
export function truncate(text: string, columns: number): string {
  if (width(text) <= columns) return text;
  if (columns <= 0) return '';
  return `${[...text].slice(0, columns - 1).join('')}…`;
}

export function padEnd(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - width(text)));
}

export function padStart(text: string, columns: number): string {
  return ' '.repeat(Math.max(0, columns - width(text))) + text;
}

/** Word-wraps `text` to `columns`, keeping its leading spaces; continuation lines start with `indent` spaces. */
export function wrap(text: string, columns: number, indent = 0): string[] {
  const lead = /^ */.exec(text)?.[0] ?? '';
  const lines: string[] = [];
  let line = lead;
  for (const word of text.slice(lead.length).split(' ')) {
    const candidate = line.trim() === '' ? line + word : `${line} ${word}`;
    if (line.trim() !== '' && width(candidate) > columns) {
      lines.push(line);
      line = ' '.repeat(indent) + word;
    } else {
      line = candidate;
    }
  }
  lines.push(line);
  return lines.map((l) => truncate(l, columns));
}
