#!/usr/bin/env node
// Kept to syntax that old Node versions can parse, so they reach the version check below
// instead of failing with a SyntaxError.
const major = Number(process.versions.node.split('.')[0]);
if (major < 20) {
  process.stderr.write(
    'hs-tutor needs Node.js 20 or newer, but this is Node.js ' + process.versions.node + '; please upgrade Node.js.\n',
  );
  process.exitCode = 1;
} else {
  import('../dist/cli/main.js').then(
    (cli) => cli.main(process.argv.slice(2)).then((code) => {
      process.exitCode = code;
    }),
    (error) => {
      process.stderr.write(
        "hs-tutor could not load its built files (" + error.message + "); run 'npm run build' (npm ci runs it too).\n",
      );
      process.exitCode = 1;
    },
  );
}
