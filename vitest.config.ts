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
    // Both cores: vitest's default keeps one free, which on a two-core machine is half of it; much
    // of the suite waits on child processes and terminals, so the two workers overlap well.
    maxWorkers: 2,
    // A test's time limit only guards against a hang: with both cores busy (and more under a
    // loaded CI machine) a property test or an every-size render takes seconds, never a minute.
    testTimeout: 60_000,
  },
});
