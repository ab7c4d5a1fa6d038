// Keys reach the screens from the terminal's owner (src/ui/terminal), already named by its key
// filter, never through Ink's own key parsing. The root provides the source; a screen's root
// listens with useKeys. Tests provide a source that runs typed bytes through the same filter.
import {createContext, useContext, useEffect, useRef, type ReactNode} from 'react';

export interface KeySource {
  /** Calls `listener` with the names of the keys pressed, in order; returns the way to stop. */
  subscribe(listener: (keys: readonly string[]) => void): () => void;
}

const KeysContext = createContext<KeySource | undefined>(undefined);

export function KeysProvider({source, children}: {source: KeySource; children: ReactNode}) {
  return <KeysContext.Provider value={source}>{children}</KeysContext.Provider>;
}

/** Calls `handler` with each key name; the latest handler is used, so callers need no refs. */
export function useKeys(handler: (name: string) => void): void {
  const source = useContext(KeysContext);
  const latest = useRef(handler);
  latest.current = handler;
  useEffect(() => source?.subscribe((keys) => keys.forEach((name) => latest.current(name))), [source]);
}
