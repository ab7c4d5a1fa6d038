// The misconception table: each names a lesson frame that exists and a quiz topic, and wrong
// answers carry the ids (quiz questions from the engine, lesson checkpoints by their query).
import {describe, expect, it} from 'vitest';
import {loadCurriculum} from '../../src/curriculum/index.js';
import {checkpointMisconception, MISCONCEPTIONS} from '../../src/quiz/misconceptions.js';
import {TOPIC_IDS} from '../../src/quiz/topics.js';
import {generateQuiz} from '../../src/quiz/worksheet.js';

const lessons = loadCurriculum({env: {}}).lessons;

describe('misconceptions', () => {
  it('each has a sentence, a quiz topic and a lesson frame that corrects it', () => {
    expect(new Set(MISCONCEPTIONS.map((m) => m.id)).size).toBe(MISCONCEPTIONS.length);
    for (const m of MISCONCEPTIONS) {
      expect(m.text).toMatch(/^[A-Z].*\.$/);
      expect(TOPIC_IDS).toContain(m.topic);
      const lesson = lessons.find((l) => l.id === m.lesson);
      expect(lesson, m.id).toBeDefined();
      expect(lesson!.play().parts[0]!.trace.frames.map((f) => f.id), m.id).toContain(m.frameId);
    }
  });

  it('engine questions tag the wrong choices that show one', () => {
    const tagged = new Set(TOPIC_IDS.flatMap((topic) => generateQuiz({seed: 3, topic, count: 40}).flatMap((q) => q.misconceptions.filter((id): id is string => id !== null))));
    for (const id of ['handshake-is-request-time', 'psk-is-0rtt', 'forgets-tcp-under-tls', 'time-wait-on-server', 'tfo-first-connection', 'quic-two-handshakes']) expect(tagged, id).toContain(id);
    for (const id of tagged) expect(MISCONCEPTIONS.map((m) => m.id)).toContain(id);
  });

  it('checkpoint answers are tagged from what the checkpoint asks', () => {
    expect(checkpointMisconception('frame tcp.ack', '1001', '1000')).toBe('ack-names-last-byte');
    expect(checkpointMisconception('frame tcp.ack', '1001', '7001')).toBeUndefined();
    expect(checkpointMisconception('summary.requestSentRtt', '1 RTT', '1.5 RTT')).toBe('handshake-is-request-time');
    expect(checkpointMisconception('after server.tcp', 'CLOSED', 'TIME-WAIT')).toBe('time-wait-on-server');
    expect(checkpointMisconception('frame messages', 'Certificate, ServerKeyExchange, ServerHelloDone', 'CertificateRequest, ServerHelloDone')).toBe('certificate-request-always');
    expect(checkpointMisconception(null, 'a', 'b')).toBeUndefined();
  });
});
