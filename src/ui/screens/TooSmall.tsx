// Below the minimum size, one clear sentence instead of a garbled screen.
import {Text} from 'ink';

export const MIN_COLUMNS = 80;
export const MIN_ROWS = 24;

export function tooSmall(columns: number, rows: number): boolean {
  return columns < MIN_COLUMNS || rows < MIN_ROWS;
}

export function TooSmall({columns, rows}: {columns: number; rows: number}) {
  return (
    <Text>
      hs-tutor needs a window of at least {MIN_COLUMNS}×{MIN_ROWS}; this one is {columns}×{rows}. Make it larger (ctrl+c quits).
    </Text>
  );
}
