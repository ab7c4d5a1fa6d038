// The arguments that pick and tune a scenario: <scenario> --rtt --seed --set. Shared by every
// command that simulates one (show now, export later).
import {UsageError} from '../engine/errors.js';
import {resolveKnobs} from '../engine/knobs.js';
import {findPreset, PRESET_IDS, type Preset} from '../engine/presets.js';
import {RTT_MS, SEED} from '../engine/run-options.js';
import {didYouMean} from '../engine/suggest.js';
import type {Knobs} from '../engine/types.js';
import type {OptionsConfig} from './args.js';

export const SCENARIO_OPTIONS = {
  rtt: {type: 'string'},
  seed: {type: 'string'},
  set: {type: 'string', multiple: true},
} as const satisfies OptionsConfig;

export interface ScenarioArgs {
  rtt?: string;
  seed?: string;
  set?: string[];
}

export interface ScenarioRun {
  preset: Preset;
  knobs: Knobs;
  rttMs: number;
  seed: number;
}

/** `names` are the positionals after the command word. */
export function scenarioRun(command: string, names: string[], args: ScenarioArgs): ScenarioRun {
  const [id, ...extra] = names;
  if (id === undefined) {
    throw new UsageError(`${command} needs a scenario, as in 'hs-tutor ${command} tls13'; 'hs-tutor list' shows them all.`);
  }
  if (extra.length > 0) {
    throw new UsageError(`${command} takes one scenario, but '${extra.join(' ')}' came after '${id}'; change a knob with --set <knob>=<value>.`);
  }
  const preset = findPreset(id);
  if (preset === undefined) {
    throw new UsageError(`Unknown scenario '${id}'; ${didYouMean(id, PRESET_IDS, "'hs-tutor list' shows them all.")}`);
  }
  return {
    preset,
    knobs: resolveKnobs(preset.knobs, parseSets(args.set ?? [])),
    rttMs: args.rtt === undefined ? RTT_MS.default : wholeNumber('--rtt', args.rtt, RTT_MS.min, RTT_MS.max, `milliseconds from ${RTT_MS.min} to ${RTT_MS.max}`),
    seed: args.seed === undefined ? SEED.default : wholeNumber('--seed', args.seed, SEED.min, SEED.max, `number from ${SEED.min} up`),
  };
}

/** `--set k=v` flags as overrides; a knob set twice keeps its last value, as shell users expect. */
function parseSets(sets: string[]): Record<string, string> {
  // Null-prototype: "--set __proto__=x" is a knob name like any other (and an unknown one).
  const overrides: Record<string, string> = Object.create(null);
  for (const set of sets) {
    const equals = set.indexOf('=');
    if (equals <= 0) {
      throw new UsageError(`--set needs <knob>=<value>, as in --set tls=1.3, but got '${set}'.`);
    }
    overrides[set.slice(0, equals)] = set.slice(equals + 1);
  }
  return overrides;
}

function wholeNumber(option: string, raw: string, min: number, max: number, what: string): number {
  const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!(value >= min && value <= max)) {
    throw new UsageError(`${option} must be a whole ${what}, not '${raw}'.`);
  }
  return value;
}
