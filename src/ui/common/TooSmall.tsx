// Below the minimum size, one clear sentence instead of a garbled screen.
import {Text} from 'ink';
import {MIN_COLUMNS, MIN_ROWS} from './screen-size.js';

export {MIN_COLUMNS, MIN_ROWS, tooSmall} from './screen-size.js';

export function TooSmall({columns, rows}: {columns: number; rows: number}) {
  return (
    <Text>
      hs-tutor needs a window of at least {MIN_COLUMNS}×{MIN_ROWS}; this one is {columns}×{rows}. Make it larger (ctrl+c quits).
    </Text>
  );
}
