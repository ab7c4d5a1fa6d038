// The curriculum's lessons as the TUI's port sees them. Narration is filled from a run with the
// learner's own knobs and RTT, so every figure it states matches the ladder on screen; the last play
// is cached, since stepping asks for it on every frame.
import type {Lesson, LessonPlay} from '../curriculum/index.js';
import {KNOB_NAMES} from '../engine/knobs.js';
import {findPreset} from '../engine/presets.js';
import {checkpointQuestions, lessonQuestionKey, type Question} from '../quiz/index.js';
import type {PartRun, TutorLesson} from '../ui/app/ports.js';

function join(...texts: string[]): string {
  return texts.filter((t) => t.trim() !== '').join('\n\n');
}

export function tutorLesson(lesson: Lesson): TutorLesson {
  // One play is kept: the player asks about one part, knob set and RTT at a time, and a play holds
  // every part's trace, so keeping them all would grow with every knob the learner tries.
  let cached: {key: string; play: LessonPlay} | undefined;
  const play = (part: number, run?: PartRun): LessonPlay => {
    const base = lesson.parts[part]!.knobs;
    const overrides: Record<string, string> = {};
    if (run) for (const name of KNOB_NAMES) if (run.knobs[name] !== base[name]) overrides[name] = String(run.knobs[name]);
    const rttMs = run?.rttMs ?? 100;
    // Without overrides every part plays the same: one key for all of them.
    const key = Object.keys(overrides).length === 0 ? `*|${rttMs}` : `${part}|${rttMs}|${JSON.stringify(overrides)}`;
    if (cached?.key !== key) cached = {key, play: lesson.play({rttMs, overrides: {[part]: overrides}})};
    return cached.play;
  };
  const section = (part: number, frameId: string, run?: PartRun) => play(part, run).parts[part]!.frame(frameId);
  // The text before and after a part, asked for on every redraw: made once per play.
  // A lesson's review questions, made when review first asks for one.
  let questions: Map<string, Question> | undefined;
  const reviewQuestions = () => (questions ??= new Map(checkpointQuestions(lesson).map((q) => [q.id, q])));
  const edges = new WeakMap<LessonPlay, Map<number, {intro: string; end: string}>>();
  return {
    id: lesson.id,
    title: lesson.title,
    summary: lesson.summary,
    parts: lesson.parts.map((p) => ({title: p.title ?? findPreset(p.scenario)?.title ?? p.scenario, scenario: p.scenario, knobs: p.knobs})),
    narration: (part, frameId, run) => section(part, frameId, run)?.text || undefined,
    section: (part, frameId, run) => section(part, frameId, run),
    checkpointsOf: (part, run) => {
      const current = play(part, run).parts[part]!;
      return current.narratedFrames().flatMap((frameId) => (current.frame(frameId)?.checkpoints ?? []).map((checkpoint, i) => ({key: `${part}:${frameId}:${i}`, frameId, checkpoint})));
    },
    takeaways: (run) => play(lesson.parts.length - 1, run).takeaways,
    question: (key) => reviewQuestions().get(lessonQuestionKey(lesson.id, key)),
    questions: () => [...reviewQuestions().values()],
    partText: (part, run) => {
      const whole = play(part, run);
      const known = edges.get(whole)?.get(part);
      if (known) return known;
      const current = whole.parts[part]!;
      const first = part === 0;
      const last = part === lesson.parts.length - 1;
      const objectives = first && whole.objectives.length > 0 ? `You will learn:\n${whole.objectives.map((o) => `• ${o}`).join('\n')}` : '';
      const takeaways = last && whole.takeaways.length > 0 ? `Key takeaways:\n${whole.takeaways.map((t) => `• ${t}`).join('\n')}` : '';
      const references = last && whole.references.length > 0 ? `References: ${whole.references.map((r) => r.text).join('; ')}` : '';
      const text = {intro: join(first ? whole.intro.text : '', objectives, current.intro.text), end: join(current.end.text, takeaways, references)};
      edges.set(whole, (edges.get(whole) ?? new Map()).set(part, text));
      return text;
    },
  };
}
