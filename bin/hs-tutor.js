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
  const args = process.argv.slice(2);
  const notBuilt = (error) => {
    process.stderr.write(
      "hs-tutor could not load its built files (" + error.message + "); run 'npm run build' (npm ci runs it too).\n",
    );
    process.exitCode = 1;
  };
  // The bare command first paints the home screen (dist/cli/first-paint.js, small), then loads
  // the rest; a failed paint is no failure, the program just paints later.
  const painted = args.length === 0
    ? import('../dist/cli/first-paint.js').then((paint) => paint.firstPaint(args), () => false)
    : Promise.resolve(false);
  painted.then(() => import('../dist/cli/main.js')).then(
    (cli) => cli.main(args).then((code) => {
      process.exitCode = code;
    }),
    notBuilt,
  );
}
