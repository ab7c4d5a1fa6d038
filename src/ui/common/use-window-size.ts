// The terminal's size, following resizes (Ink 6 has no useWindowSize; ported from Ink 7's
// pattern, ink-notes §2.4). A 0×0 pseudo-terminal falls back to 80×24.
import {useStdout} from 'ink';
import {useEffect, useState} from 'react';

export interface WindowSize {
  columns: number;
  rows: number;
}

export function useWindowSize(): WindowSize {
  const {stdout} = useStdout();
  const read = (): WindowSize => ({columns: stdout.columns || 80, rows: stdout.rows || 24});
  const [size, setSize] = useState(read);
  useEffect(() => {
    const onResize = () => setSize(read());
    stdout.on('resize', onResize);
    return () => {
      stdout.off('resize', onResize);
    };
  }, [stdout]);
  return size;
}
