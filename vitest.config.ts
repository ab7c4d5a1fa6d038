import {defineConfig} from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    // Ink degrades its output under CI=true; the UI tests need the interactive renderer (ink-notes §2.5).
    env: {CI: 'false', FORCE_COLOR: '0'},
    setupFiles: ['test/setup.ts'],
  },
});
