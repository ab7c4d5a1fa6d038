// `hs-tutor show <scenario>`: simulate one scenario and print its trace as a ladder or as JSON.
import {simulate} from '../engine/simulate.js';
import {parseCommandArgs} from './args.js';
import {renderLadder} from '../render/ladder.js';
import {SCENARIO_OPTIONS, scenarioRun} from './scenario-args.js';
import type {Terminal} from './terminal.js';

export const SHOW_OPTIONS = {...SCENARIO_OPTIONS, json: {type: 'boolean'}} as const;

export function show(argv: string[], out: Terminal): number {
  const {values, positionals} = parseCommandArgs('show', argv, SHOW_OPTIONS);
  const run = scenarioRun('show', positionals.slice(1), values);
  const trace = simulate(run.knobs, {rttMs: run.rttMs, seed: run.seed, scenario: run.preset.id});
  // Everything that can fail has run by now, so a failing --json run prints nothing on stdout.
  out.write(
    values.json
      ? `${JSON.stringify(trace, null, 2)}\n`
      : `${renderLadder(trace, {width: out.width, color: out.color})}\n`,
  );
  return 0;
}
