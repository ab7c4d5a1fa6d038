// Predict mode in the player (`lesson --predict`, `hs-tutor predict`, w in the player): before a
// frame is shown the learner picks what goes on the wire next, from the engine's choices
// (quiz/predict.ts). The answer steps to that frame, which opens with the verdict. A frame's own
// checkpoints are asked before its prediction. The streak, the best streak and what was missed
// make the end of the run (the completion screen), and progress keeps them.
import {predictionAt, predictionKey} from '../../quiz/predict.js';
import type {Question} from '../../quiz/types.js';
import type {Knobs, Trace} from '../../engine/types.js';
import {pendingCheckpoint, type AskingPlayer} from './checkpoints.js';

export interface PredictionResult {
  /** The review key of the question (quiz/keys.ts), so a miss comes back in review. */
  key: string;
  chosen: number;
  correct: boolean;
  /** The frame it was asked at (0-based, in its part's trace), and its id. */
  frame: number;
  frameId: string;
  said: string;
  answer: string;
  explanation: string;
}

export interface PredictState {
  /** Orders the choices (the same seed, the same worksheet as `predict --json --seed`). */
  seed: number;
  /** `${part}:${frameId}` of the frame the prediction was made at → how it went. */
  results: Record<string, PredictionResult>;
  streak: number;
  best: number;
}

export interface PredictingPlayer extends AskingPlayer {
  predict?: PredictState;
}

export function startPredicting(seed = 0): PredictState {
  return {seed, results: {}, streak: 0, best: 0};
}

// A trace's questions are worked out once per frame, when first asked.
const asked = new WeakMap<Trace, Map<string, Question | null>>();

function questionAt(trace: Trace, knobs: Knobs, frameId: string, seed: number): Question | undefined {
  let byFrame = asked.get(trace);
  if (!byFrame) asked.set(trace, (byFrame = new Map()));
  const key = `${seed}|${frameId}`;
  if (!byFrame.has(key)) byFrame.set(key, predictionAt(knobs, trace.rttMs, frameId, seed) ?? null);
  return byFrame.get(key) ?? undefined;
}

export interface PendingPrediction {
  key: string;
  question: Question;
}

/** The prediction to make at this frame, once its checkpoints are done; undefined when there is none. */
export function pendingPrediction(player: PredictingPlayer): PendingPrediction | undefined {
  const {predict, trace, frame} = player;
  const current = trace.frames[frame];
  if (!predict || !current || player.presenter || pendingCheckpoint(player)) return undefined;
  const key = `${player.part}:${current.id}`;
  if (predict.results[key]) return undefined;
  const question = questionAt(trace, player.knobs, current.id, predict.seed);
  return question ? {key, question} : undefined;
}

/** Records the prediction `choice` (0-based) made here; out of range changes nothing. The caller shows the next frame. */
export function predict<P extends PredictingPlayer>(player: P, choice: number): P {
  const pending = pendingPrediction(player);
  if (!pending || !player.predict || choice < 0 || choice >= pending.question.choices.length) return player;
  const {question} = pending;
  const correct = choice === question.answer;
  const current = player.trace.frames[player.frame]!;
  const result: PredictionResult = {
    key: predictionKey(player.knobs, player.trace.rttMs, current.id),
    chosen: choice,
    correct,
    frame: player.frame,
    frameId: current.id,
    said: question.choices[choice]!,
    answer: question.choices[question.answer]!,
    explanation: question.explanation,
  };
  const streak = correct ? player.predict.streak + 1 : 0;
  return {...player, predict: {...player.predict, results: {...player.predict.results, [pending.key]: result}, streak, best: Math.max(player.predict.best, streak)}};
}

/**
 * The words predict mode adds at this frame: the verdict on the prediction that led here (made at
 * the frame before), then the question about what comes next, if one is waiting.
 */
export function predictionTexts(player: PredictingPlayer, nudged: boolean): {verdict: string[]; question: string[]} {
  const {predict, trace, frame, part} = player;
  if (!predict) return {verdict: [], question: []};
  const before = frame > 0 ? predict.results[`${part}:${trace.frames[frame - 1]!.id}`] : undefined;
  const verdict = before ? [before.correct ? `✓ You predicted it: ${before.answer}. Streak ${predict.streak}.` : `✗ You said ${before.said}; it was ${before.answer}. ${before.explanation}`] : [];
  const pending = pendingPrediction(player);
  if (!pending) return {verdict, question: []};
  const n = pending.question.choices.length;
  const nudge = nudged ? [`Predict first: press 1–${n}; → again moves on without predicting.`] : [];
  return {
    verdict,
    question: [...nudge, `? What happens next? ${pending.question.prompt.replace(/^.*? (After )/, '$1')}\n${pending.question.choices.map((c, i) => `  ${i + 1}) ${c}`).join('\n')}\n  (predict: press 1–${n})`],
  };
}

export interface PredictionSummary {
  asked: number;
  correct: number;
  best: number;
  missed: PredictionResult[];
}

export function predictionSummary(predict: PredictState): PredictionSummary {
  const all = Object.values(predict.results);
  return {asked: all.length, correct: all.filter((r) => r.correct).length, best: predict.best, missed: all.filter((r) => !r.correct)};
}
