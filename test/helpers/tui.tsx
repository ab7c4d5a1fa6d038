// Rendering the TUI in tests: every render and key press inside act(), so frames are settled.
// Keys go the way the terminal sends them in the real program: typed bytes through the terminal's
// key filter (src/ui/terminal/key-filter.ts), their names to the screen's root.
import {cleanup, render} from 'ink-testing-library';
import {act, type ReactElement} from 'react';
import {KeysProvider, type KeySource} from '../../src/ui/common/use-keys.js';
import {KeyFilter} from '../../src/ui/terminal/key-filter.js';

export const KEYS = {up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', enter: '\r', escape: '\u001B', tab: '\t', ctrlC: '\u0003', pageDown: '\u001B[6~', pageUp: '\u001B[5~'} as const;

/** A key source fed with typed bytes, as the terminal feeds the real program. */
export function typedKeys(): KeySource & {type(bytes: string): void} {
  const listeners = new Set<(keys: readonly string[]) => void>();
  const filter = new KeyFilter();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    type(bytes) {
      const {keys} = filter.push(bytes);
      // Each call is one keystroke: a lone Escape is the Escape key (the terminal waits 50 ms for that).
      const all = filter.pending ? [...keys, ...filter.flush().keys] : keys;
      for (const listener of listeners) listener(all);
    },
  };
}

export async function renderTui(tree: ReactElement) {
  const keys = typedKeys();
  let instance!: ReturnType<typeof render>;
  await act(async () => {
    instance = render(<KeysProvider source={keys}>{tree}</KeysProvider>);
  });
  const press = async (...typed: string[]) => {
    for (const bytes of typed) {
      await act(async () => {
        keys.type(bytes);
      });
    }
  };
  const resize = async (columns: number, rows: number) => {
    await act(async () => {
      Object.defineProperty(instance.stdout, 'columns', {value: columns, configurable: true});
      Object.defineProperty(instance.stdout, 'rows', {value: rows, configurable: true});
      instance.stdout.emit('resize');
    });
  };
  // Unmounting updates the tree one last time: inside act(), as every update in a test.
  const unmount = () => {
    void act(() => {
      instance.unmount();
    });
  };
  return {...instance, unmount, press, resize, screen: () => instance.lastFrame() ?? ''};
}

/** Unmounts every rendered tree inside act(), as React wants for the last update of a test. */
export async function unmountAll(): Promise<void> {
  await act(async () => {
    cleanup();
  });
}
