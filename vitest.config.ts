import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Ink degrades its output under CI=true; the UI tests need the interactive renderer (ink-notes §2.5).
    env: {CI: 'false', FORCE_COLOR: '0'},
    setupFiles: ['test/setup.ts'],
    // Worker threads that keep their modules between files: importing the engine, the curriculum
    // and Ink once per worker instead of once per file halves the suite's time on two cores. Tests
    // therefore restore whatever global they touch (test/cli/run-cli.ts puts stdout back).
    pool: 'threads',
    isolate: false,
  },
});
