// Between the lesson player and the class protocol: the class position of the instructor's
// player, and a student's player state at a class position (the same lesson, part, knobs, RTT
// and frame), built with the tutor's own openLesson so both ends simulate the same trace.
import {lessonQuestionKey} from '../../quiz/keys.js';
import type {ClassPosition, HostQuestion, WireLesson} from '../../class/index.js';
import {fromCheckpoints, quizQuestions, type CheckpointLike} from '../../class/index.js';
import type {Knobs, Trace} from '../../engine/types.js';
import type {TutorLesson} from '../app/ports.js';
import {openLesson, type PlayerState} from '../player/model.js';

export function wireLesson(lesson: TutorLesson): WireLesson {
  return {id: lesson.id, title: lesson.title, parts: lesson.parts.map((p) => ({title: p.title, scenario: p.scenario, knobs: p.knobs}))};
}

/** Where the instructor's player is, as students get it. */
export function classPosition(player: PlayerState): ClassPosition {
  const current = player.trace.frames[player.frame];
  const frameId = current?.id ?? '';
  return {
    lesson: wireLesson(player.lesson),
    part: player.part,
    knobs: player.knobs,
    rttMs: player.rttMs,
    frame: player.frame,
    frameId,
    narration: current ? (player.lesson.narration(player.part, frameId, {knobs: player.knobs, rttMs: player.rttMs}) ?? null) : null,
  };
}

/** A key that changes exactly when the class position does (the instructor's overlays do not move the class). */
export function positionKey(player: PlayerState): string {
  return JSON.stringify([player.lesson.id, player.part, player.knobs, player.rttMs, player.frame, player.trace.frames[player.frame]?.id]);
}

/**
 * The lesson a student plays: the class's outline, with the narration the host sent for each
 * frame seen so far, else the student's own copy of the lesson (same id) for frames not yet seen.
 */
export function lessonFromWire(wire: WireLesson, narrations: ReadonlyMap<string, string>, local: TutorLesson | undefined): TutorLesson {
  const mine = local && local.id === wire.id && local.parts.length === wire.parts.length ? local : undefined;
  return {
    ...(mine ?? {}),
    id: wire.id,
    title: wire.title,
    parts: wire.parts.map((p) => ({title: p.title, scenario: p.scenario, knobs: p.knobs})),
    narration: (part, frameId, run) => narrations.get(`${part}:${frameId}`) ?? mine?.narration(part, frameId, run),
    transient: true,
    // The instructor pushes the checkpoints (with the votes and the reveal); asked here too, each would show twice.
    classLed: true,
  };
}

function sameKnobs(a: Knobs, b: Knobs): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

function frameIn(trace: Trace, frameId: string, index: number): number {
  const byId = trace.frames.findIndex((f) => f.id === frameId);
  if (byId >= 0) return byId;
  return Math.min(Math.max(0, index), Math.max(0, trace.frames.length - 1));
}

/**
 * The player at the class position. The trace is simulated again only when the lesson, part,
 * knobs or RTT changed; the student's open overlay (help, bytes, compare) stays open.
 */
export function playerAt(at: ClassPosition, lesson: TutorLesson, previous: PlayerState | null): PlayerState {
  if (previous && previous.lesson.id === lesson.id && previous.part === at.part && previous.rttMs === at.rttMs && sameKnobs(previous.knobs, at.knobs)) {
    return {...previous, lesson, frame: frameIn(previous.trace, at.frameId, at.frame), autoplay: false};
  }
  // The part's knobs become the class's, so openLesson simulates exactly what the instructor sees.
  const parts = lesson.parts.map((p, i) => (i === at.part ? {...p, knobs: at.knobs} : p));
  const opened = openLesson({...lesson, parts}, {part: at.part, frame: at.frame, frameId: at.frameId, status: 'in-progress'}, at.rttMs);
  const player = {...opened, lesson};
  if (!previous) return player;
  const overlay = previous.overlay === 'options' ? 'none' : previous.overlay;
  // Checkpoints the student answered stay answered when the class comes back to them.
  return {...player, overlay, compare: previous.compare, speed: previous.speed, answers: previous.answers};
}

/** What the instructor can push here: the lesson's checkpoints at this frame, then generated questions about the knobs. */
export function questionCandidates(player: PlayerState): HostQuestion[] {
  const frameId = player.trace.frames[player.frame]?.id ?? null;
  const checkpoints: CheckpointLike[] = [];
  const lesson = player.lesson;
  if (frameId !== null && lesson.section) {
    try {
      (lesson.section(player.part, frameId, {knobs: player.knobs, rttMs: player.rttMs})?.checkpoints ?? []).forEach((c, i) =>
        checkpoints.push({...c, where: frameId, key: lessonQuestionKey(lesson.id, `${player.part}:${frameId}:${i}`)}),
      );
    } catch {
      // A lesson that cannot say anything here has no checkpoint to offer.
    }
  }
  return [...fromCheckpoints(checkpoints), ...quizQuestions(player.knobs, player.rttMs, frameId)];
}
