// The smallest window the screens are laid out for, without Ink (first-frame.ts needs it too).
export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function tooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}
