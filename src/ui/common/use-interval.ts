// Calls `run` every `ms` while `ms` is defined; the latest `run` is used, so callers need no refs.
import {useEffect, useRef} from 'react';

export function useInterval(run: () => void, ms: number | undefined): void {
  const latest = useRef(run);
  latest.current = run;
  useEffect(() => {
    if (ms === undefined) return;
    const timer = setInterval(() => latest.current(), ms);
    return () => clearInterval(timer);
  }, [ms]);
}
