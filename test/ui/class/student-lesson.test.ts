// A student plays the class's lesson, but the instructor asks its questions: the lesson's own
// checkpoints are neither asked nor masked on a student's screen (else a pushed checkpoint would
// show twice, with two sets of number keys), while the host can still push them.
import {describe, expect, it} from 'vitest';
import {tutorLesson} from '../../../src/cli/curriculum-lessons.js';
import {loadCurriculum} from '../../../src/curriculum/index.js';
import {answerMask, pendingCheckpoint} from '../../../src/ui/player/checkpoints.js';
import {frameTexts} from '../../../src/ui/player/layout.js';
import {openLesson} from '../../../src/ui/player/model.js';
import {classPosition, lessonFromWire, playerAt, questionCandidates, wireLesson} from '../../../src/ui/class/position.js';
import {holdWords} from '../../../src/ui/class/StudentApp.js';

const handshake = loadCurriculum({env: {}}).lessons.map(tutorLesson).find((l) => l.id === 'tcp-handshake')!;

describe("a student's copy of the class lesson", () => {
  it('asks none of its checkpoints where the learner alone would be asked one', () => {
    const alone = openLesson(handshake, {part: 0, frame: 2, frameId: 'ack', status: 'in-progress'});
    expect(pendingCheckpoint(alone)).toBeDefined();
    expect(frameTexts(alone, false).join('\n')).toContain('(predict: press 1–');

    const at = classPosition(alone);
    const student = playerAt(at, lessonFromWire(wireLesson(handshake), new Map(), handshake), null);
    expect(student.trace.frames[student.frame]!.id).toBe('ack');
    expect(pendingCheckpoint(student)).toBeUndefined();
    expect(answerMask(student)).toBeUndefined();
    expect(frameTexts(student, false).join('\n')).not.toContain('(predict: press');
    // The instructor can push that checkpoint all the same.
    expect(questionCandidates(alone).some((q) => q.source === 'checkpoint')).toBe(true);
  });

  it('holds the lesson\'s words back while a question is open: they would often answer it', () => {
    const alone = openLesson(handshake, {part: 0, frame: 2, frameId: 'ack', status: 'in-progress'});
    const student = playerAt(classPosition(alone), lessonFromWire(wireLesson(handshake), new Map(), handshake), null);
    expect(frameTexts(student, false).join('\n')).toContain("acknowledges the server's SYN");
    const held = frameTexts(holdWords(student), false).join('\n');
    expect(held).not.toContain("acknowledges the server's SYN");
    expect(held).toContain('show once the instructor reveals the answer');
  });
});

