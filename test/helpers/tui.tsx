// Rendering the TUI in tests: every render and key press inside act(), so frames are settled.
import {render} from 'ink-testing-library';
import {act, type ReactElement} from 'react';

export const KEYS = {up: '\u001B[A', down: '\u001B[B', right: '\u001B[C', left: '\u001B[D', enter: '\r', escape: '\u001B', tab: '\t', ctrlC: '\u0003'} as const;

export async function renderTui(tree: ReactElement) {
  let instance!: ReturnType<typeof render>;
  await act(async () => {
    instance = render(tree);
  });
  const press = async (...keys: string[]) => {
    for (const key of keys) {
      await act(async () => {
        instance.stdin.write(key);
      });
      // A bare Escape is only delivered after Ink's pending-input flush (ink-notes §2.2).
      if (key === KEYS.escape) await act(async () => new Promise((resolve) => setImmediate(resolve)));
    }
  };
  const resize = async (columns: number, rows: number) => {
    await act(async () => {
      Object.defineProperty(instance.stdout, 'columns', {value: columns, configurable: true});
      Object.defineProperty(instance.stdout, 'rows', {value: rows, configurable: true});
      instance.stdout.emit('resize');
    });
  };
  return {...instance, press, resize, screen: () => instance.lastFrame() ?? ''};
}
