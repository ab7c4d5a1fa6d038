// A lesson's checkpoints as quiz questions: an instructor's pack (`quiz --lessons my-pack`) adds
// its own questions to the worksheet, each linked to the frame that shows its answer.
import type {Lesson} from '../curriculum/index.js';
import type {Knobs} from '../engine/types.js';
import {checkpointMisconception} from './misconceptions.js';
import {lessonQuestion, linkFor} from './question.js';
import type {Question} from './types.js';

/** The topic a lesson part's knobs teach (the quiz topics of src/quiz/topics.ts). */
export function topicOfKnobs(k: Knobs): string {
  if (k.transport === 'quic') return 'quic';
  if (k.resume === 'on') return 'resumption';
  if (k.tls === '1.3') return 'tls13';
  if (k.tls === '1.2') return 'tls12';
  if (k.tfo !== 'off') return 'tfo';
  if (k.close !== 'none') return 'tcp-close';
  return 'tcp-handshake';
}

/** Every checkpoint of `lesson` at its default RTT, in lesson order. */
export function checkpointQuestions(lesson: Lesson): Question[] {
  const play = lesson.play();
  const questions: Question[] = [];
  play.parts.forEach((part, index) => {
    for (const frameId of part.narratedFrames()) {
      const frame = part.trace.frames.findIndex((f) => f.id === frameId);
      (part.frame(frameId)?.checkpoints ?? []).forEach((checkpoint, i) => {
        questions.push(
          lessonQuestion({
            lesson: lesson.id,
            id: `${index}:${frameId}:${i}`,
            topic: topicOfKnobs(part.knobs),
            prompt: checkpoint.ask,
            choices: checkpoint.choices,
            answer: checkpoint.answer,
            explanation: checkpoint.explain,
            link: {...linkFor(part.knobs, play.rttMs, frameId, frame), lesson: lesson.id, part: index},
            misconceptions: checkpoint.choices.map((choice) => checkpointMisconception(checkpoint.expect, checkpoint.choices[checkpoint.answer] ?? '', choice) ?? null),
          }),
        );
      });
    }
  });
  return questions;
}
