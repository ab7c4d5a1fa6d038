// `hs-tutor show <scenario>`: simulate one scenario and print its trace as a ladder or as JSON;
// --keylog also writes its session keys as an NSS key log.
import {simulate} from '../engine/simulate.js';
import {parseCommandArgs} from './args.js';
import {renderLadder} from '../render/ladder.js';
import {keyLogOutput, keyLogPath, writeOutputs} from './export.js';
import {SCENARIO_OPTIONS, scenarioRun} from './scenario-args.js';
import type {Terminal} from './terminal.js';

export const SHOW_OPTIONS = {...SCENARIO_OPTIONS, json: {type: 'boolean'}, keylog: {type: 'string'}, force: {type: 'boolean'}} as const;

export function show(argv: string[], out: Terminal): number {
  const {values, positionals} = parseCommandArgs('show', argv, SHOW_OPTIONS);
  const run = scenarioRun('show', positionals.slice(1), values);
  const keylog = keyLogPath(run, values.keylog);
  const trace = simulate(run.knobs, {rttMs: run.rttMs, seed: run.seed, scenario: run.preset.id});
  // The key log is written before anything is printed, so a failing --json run prints nothing on stdout.
  if (keylog !== null && !writeOutputs([keyLogOutput(trace, keylog)], values.force === true)) return 1;
  out.write(
    values.json
      ? `${JSON.stringify(trace, null, 2)}\n`
      : `${renderLadder(trace, {width: out.width, color: out.color})}\n`,
  );
  return 0;
}
