// Stands in for ink/build/devtools.js in the bundle. Ink imports that module (and through it
// react-devtools-core and ws) only when DEV=true, to connect React DevTools; the published
// package does not offer that, and bundling it would cost 49 KB of ws in the tarball. Without the
// stub esbuild would also hoist `import 'react-devtools-core'` to a static import that fails at
// start-up (ink-notes §3.2 item 2).
export {};
