// `hs-tutor lab <scenario>`: the scenario run for real by Node's own net and tls (OpenSSL) on
// loopback, through a relay that delays each direction by half the RTT, beside the simulation.
import {parseCommandArgs} from './args.js';
import {scenarioRun} from './scenario-args.js';
import type {Terminal} from './terminal.js';

export const LAB_OPTIONS = {rtt: {type: 'string'}, set: {type: 'string', multiple: true}, json: {type: 'boolean'}} as const;

export async function lab(argv: string[], out: Terminal): Promise<number> {
  const {values, positionals} = parseCommandArgs('lab', argv, LAB_OPTIONS);
  const run = scenarioRun('lab', positionals.slice(1), values);
  // Loaded here, not at start-up: no other command needs node:tls and the relay.
  const [{runLab}, {labLines}] = await Promise.all([import('../lab/index.js'), import('../lab/report.js')]);
  const report = await runLab(run.preset.id, run.knobs, run.rttMs);
  out.write(values.json ? `${JSON.stringify(report, null, 2)}\n` : `${labLines(report, out.width).join('\n')}\n`);
  return 0;
}
