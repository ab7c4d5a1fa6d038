// Text that may be taller than its room: the window onto it, and a last row saying what is above
// and below and how to reach it. Used wherever a screen shows more text than fits (the player's
// narration, the `?` overlay, the knobs panel, quiz explanations, class pickers).
import {Box, Text} from 'ink';

export interface StyledLine {
  text: string;
  bold?: boolean;
  dim?: boolean;
  inverse?: boolean;
  color?: string;
}

export interface ScrollWindow {
  /** Index of the first line shown. */
  start: number;
  /** Lines shown (rows, less the mark row when there is one). */
  shown: number;
  above: number;
  below: number;
}

/**
 * The lines in view for `offset` (clamped), keeping one row for the mark when they do not all fit.
 * Never more rows than `rows`: one row holds only the mark, none holds nothing (a line and its mark
 * in one row would draw over each other).
 */
export function scrollWindow(total: number, rows: number, offset: number): ScrollWindow {
  if (total <= rows) return {start: 0, shown: total, above: 0, below: 0};
  const shown = Math.max(0, rows - 1);
  const start = Math.min(Math.max(0, offset), total - shown);
  return {start, shown, above: start, below: total - start - shown};
}

/** The largest useful offset: the last line at the bottom of the window. */
export function maxScroll(total: number, rows: number): number {
  return scrollWindow(total, rows, Number.MAX_SAFE_INTEGER).start;
}

export function scrollMark(window: ScrollWindow, keys = '↑↓ PgUp PgDn'): string {
  const parts = [window.above > 0 ? `↑ ${window.above} more above` : '', window.below > 0 ? `↓ ${window.below} more below` : ''].filter(Boolean);
  return `${parts.join(' · ')} (${keys})`;
}

export function ScrollView({lines, rows, offset, keys}: {lines: readonly StyledLine[]; rows: number; offset: number; keys?: string}) {
  const window = scrollWindow(lines.length, rows, offset);
  const shown = lines.slice(window.start, window.start + window.shown);
  return (
    <Box flexDirection="column" height={rows}>
      {shown.map((line, i) => (
        <Text key={i} bold={line.bold} dimColor={line.dim} inverse={line.inverse} color={line.color}>
          {/* An empty Text takes no row in Ink; a blank line must be a space. */}
          {line.text === '' ? ' ' : line.text}
        </Text>
      ))}
      {rows > 0 && window.above + window.below > 0 && <Text dimColor>{scrollMark(window, keys)}</Text>}
    </Box>
  );
}
