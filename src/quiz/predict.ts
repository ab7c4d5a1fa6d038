// Predict the next frame: before each frame of a run the learner picks what goes on the wire next
// and who sends it, from choices the engine derives (the nextFrame measure: the real next frame,
// the classic mix-ups, frames that come later, and what other variants of the connection send at
// that point). Used by the player's predict mode and by `hs-tutor predict --json`.
import {KNOB_NAMES, resolveKnobs} from '../engine/knobs.js';
import {findPreset} from '../engine/presets.js';
import {run} from '../engine/runs.js';
import type {Knobs, Trace} from '../engine/types.js';
import {specKey} from './keys.js';
import {buildQuestion, shuffleChoices} from './question.js';
import type {Question} from './types.js';

/** The question asked at a frame: what comes after it. */
export function predictionAt(knobs: Knobs, rttMs: number, frameId: string, seed: number): Question | undefined {
  const question = buildQuestion({measure: 'nextFrame', knobs, rttMs, frameId});
  return question && shuffleChoices(question, seed);
}

/** The review key of the prediction made at `frameId` (the quiz's own key, so review can ask it again). */
export function predictionKey(knobs: Knobs, rttMs: number, frameId: string): string {
  return specKey({measure: 'nextFrame', knobs, rttMs, frameId});
}

export interface WorksheetFrame {
  /** 0-based index of the frame the prediction is made at (the learner sees it and those before). */
  frame: number;
  frameId: string;
  /** What that frame is, as the ladder labels it. */
  label: string;
  /** What comes next, or null where nothing can be asked (frames that leave together, the last frame). */
  question: {prompt: string; choices: string[]; answer: number; explanation: string; id: string} | null;
}

/** `hs-tutor predict <scenario> --json` (CLI.md): per frame, the question, the choices and the answer. */
export function predictWorksheet(scenario: string, knobs: Knobs, rttMs: number, seed: number): {schemaVersion: 1; scenario: string; set: Record<string, string>; rttMs: number; seed: number; frames: WorksheetFrame[]} {
  const trace: Trace = run({knobs, rttMs, scenario});
  const frames = trace.frames.map((f, i): WorksheetFrame => {
    const q = predictionAt(knobs, rttMs, f.id, seed);
    return {frame: i, frameId: f.id, label: f.label, question: q ? {id: q.id, prompt: q.prompt, choices: [...q.choices], answer: q.answer, explanation: q.explanation} : null};
  });
  // The `--set` overrides that turn the scenario's preset into these knobs.
  const preset = resolveKnobs(findPreset(scenario)?.knobs ?? {}, {});
  const set = Object.fromEntries(KNOB_NAMES.filter((k) => knobs[k] !== preset[k]).map((k) => [k, String(knobs[k])]));
  return {schemaVersion: 1, scenario, set, rttMs, seed, frames};
}
