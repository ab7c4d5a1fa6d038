import {describe, expect, it} from 'vitest';
import {resolveKnobs} from '../../src/engine/knobs.js';
import {findPreset} from '../../src/engine/presets.js';
import {
  buildQuestion,
  checkAnswer,
  generateQuiz,
  MEASURES,
  type Question,
  questionFromKey,
  questionsForKnobs,
  TOPIC_IDS,
  TOPICS,
  worksheet,
} from '../../src/quiz/index.js';
import {expectWellFormed} from './well-formed.js';

const knobsOf = (preset: string, set: Record<string, string> = {}) => resolveKnobs(findPreset(preset)!.knobs, set);

function ask(measure: (typeof MEASURES)[number], preset: string, extra: {side?: 'client' | 'server'; frameId?: string; message?: string; rttMs?: number; set?: Record<string, string>} = {}): Question {
  const {rttMs = 100, set = {}, ...params} = extra;
  const question = buildQuestion({measure, knobs: knobsOf(preset, set), rttMs, ...params});
  if (question === undefined) throw new Error(`no ${measure} question for ${preset}`);
  return question;
}

const right = (q: Question) => q.choices[q.answer];
const choiceFor = (q: Question, text: string) => q.choices.indexOf(text);

describe('RTT questions read the engine (protocol-facts §6 answer key)', () => {
  it.each([
    ['tcp-handshake', 1, 2],
    ['tls12', 3, 4],
    ['tls12-resumed', 2, 3],
    ['tls12-false-start', 2, 3],
    ['tls13', 2, 3],
    ['tls13-hrr', 3, 4],
    ['tls13-psk', 2, 3],
    ['tls13-0rtt', 1, 2],
    ['tfo-tls13', 1, 2],
    ['tfo-tls13-0rtt', 0, 1],
    ['quic', 1, 2],
    ['quic-0rtt', 0, 1],
  ])('%s: request at %d RTT, response at %d RTT', (preset, request, response) => {
    expect(ask('requestSentRtt', preset).source).toMatchObject({kind: 'engine', measure: 'requestSentRtt', value: request, rttMs: 100});
    expect(ask('responseReceivedRtt', preset).source).toMatchObject({value: response});
  });

  it('asks in milliseconds for a given RTT', () => {
    const q = ask('responseReceivedMs', 'tls12', {rttMs: 80});
    expect(q.source).toMatchObject({measure: 'responseReceivedMs', rttMs: 80, value: 320});
    expect(right(q)).toBe('320 ms');
    expect(q.prompt).toContain('80 ms');
    expect(q.id).toBe('responseReceivedMs?tls=1.2&rtt=80');
  });

  it('offers 1.5 RTT for the plain TCP request, as the classic mistake', () => {
    const q = ask('requestSentRtt', 'tcp-handshake');
    expect(right(q)).toBe('1 RTT');
    expect(q.mistakes[choiceFor(q, '1.5 RTT')]).toContain('1.5 RTT');
  });

  it('offers TLS without TCP for TLS 1.2 (2 RTT instead of 3)', () => {
    const q = ask('requestSentRtt', 'tls12');
    expect(q.mistakes[choiceFor(q, '2 RTT')]).toMatch(/forgets the TCP handshake/);
  });

  it('offers PSK alone as 0-RTT for TLS 1.3 PSK resumption', () => {
    const q = ask('requestSentRtt', 'tls13-psk');
    expect(right(q)).toBe('2 RTT');
    expect(q.mistakes[choiceFor(q, '1 RTT')]).toMatch(/PSK resumption alone as 0-RTT/);
  });

  it('TLS 1.2 adds two round trips, TLS 1.3 one, 0-RTT none', () => {
    expect(ask('tlsAddedRtt', 'tls12').source).toMatchObject({value: 2});
    expect(ask('tlsAddedRtt', 'tls13').source).toMatchObject({value: 1});
    expect(ask('tlsAddedRtt', 'tls13-0rtt').source).toMatchObject({value: 0});
  });
});

describe('states, frames, messages and the close', () => {
  it('after a FIN+ACK the active closer is in TIME-WAIT, and FIN-WAIT-2 is the offered mistake', () => {
    const q = ask('tcpStateAfter', 'tcp-close-3way', {side: 'client', frameId: 'fin#2'});
    expect(right(q)).toBe('TIME-WAIT');
    expect(q.mistakes[choiceFor(q, 'FIN-WAIT-2')]).toMatch(/straight to TIME-WAIT/);
    expect(q.explanation).toContain('FIN-WAIT-1 → TIME-WAIT');
  });

  it('the server under TFO stays SYN-RECEIVED while it sends its flight', () => {
    const q = ask('tcpStateAfter', 'tfo-tls13', {side: 'server', frameId: 'server-flight'});
    expect(right(q)).toBe('SYN-RECEIVED');
    expect(choiceFor(q, 'ESTABLISHED')).toBeGreaterThanOrEqual(0);
  });

  it('who sends next, and with which flags', () => {
    const q = ask('nextFrame', 'tcp-handshake', {frameId: 'syn'});
    expect(right(q)).toBe('server: SYN+ACK');
    expect(checkAnswer(q, 'server: SYN,ACK')).toBe(true);
    expect(checkAnswer(q, 'the server sends ACK+SYN')).toBe(true);
    expect(checkAnswer(q, 'client: SYN+ACK')).toBe(false);
    expect(checkAnswer(q, 'server: ACK')).toBe(false);
  });

  it('the order of the TLS 1.3 server flight', () => {
    const q = ask('messageOrder', 'tls13-no-compat', {side: 'server'});
    expect(q.source).toMatchObject({value: ['ServerHello', 'EncryptedExtensions', 'Certificate', 'CertificateVerify', 'Finished']});
    expect(checkAnswer(q, 'ServerHello, EncryptedExtensions, Certificate, CertificateVerify, Finished')).toBe(true);
    expect(checkAnswer(q, 'ServerHello → Certificate → EncryptedExtensions → CertificateVerify → Finished')).toBe(false);
  });

  it('which messages are encrypted: the certificate in TLS 1.3 but not in TLS 1.2', () => {
    const q13 = ask('encryptedMessage', 'tls13', {message: 'Certificate'});
    expect(right(q13)).toBe('Certificate');
    const q12 = ask('encryptedMessage', 'tls12', {message: 'Finished'});
    expect(q12.mistakes[choiceFor(q12, 'Certificate')]).toMatch(/TLS 1.2 sends the certificate in the clear/);
    expect(buildQuestion({measure: 'encryptedMessage', knobs: knobsOf('tls12'), rttMs: 100, message: 'Certificate'})).toBeUndefined();
  });

  it('how many segments a close takes', () => {
    expect(ask('closeSegments', 'tcp-close').source).toMatchObject({value: 4});
    expect(ask('closeSegments', 'tcp-close-3way').source).toMatchObject({value: 3});
    expect(ask('closeSegments', 'tcp-abort').source).toMatchObject({value: 1});
    // A passive side that closes later than its delayed ACK sends the ACK alone.
    expect(ask('closeSegments', 'tcp-close-3way', {set: {closeDelayMs: '200'}}).source).toMatchObject({value: 4});
  });

  it('who enters TIME-WAIT: the side that closes first, not always the client', () => {
    const q = ask('timeWaitSide', 'tcp-close', {set: {closer: 'server'}});
    expect(right(q)).toBe('the server');
    expect(q.mistakes[choiceFor(q, 'the client')]).toMatch(/does not always wait/);
    expect(ask('timeWaitSide', 'tcp-simultaneous-close').source).toMatchObject({value: 'both'});
    expect(ask('timeWaitSide', 'tcp-abort').source).toMatchObject({value: 'neither'});
    expect(ask('timeWaitMs', 'tcp-close', {side: 'client', set: {timeWait: 'rfc'}}).source).toMatchObject({value: 240_000});
  });

  it("TIME-WAIT's length is asked of a named stack: Linux's 60 s on a Linux host, where the RFC's 240 s is rightly wrong (issue 16)", () => {
    const linux = ask('timeWaitMs', 'tcp-close', {side: 'client'});
    expect(linux.prompt).toMatch(/on a Linux host\?$/);
    expect(right(linux)).toBe('60 s');
    expect(linux.mistakes[choiceFor(linux, '240 s')]).toMatch(/RFC 9293's 2×MSL/);
    expect(ask('timeWaitMs', 'tcp-close', {side: 'client', set: {timeWait: 'rfc'}}).prompt).toMatch(/by RFC 9293 with its MSL of 2 minutes\?$/);
  });
});

describe("state names the RFCs do not define are asked as the tutor's (issue 16)", () => {
  it("TLS 1.2 and QUIC state questions say whose names they are; TCP and TLS 1.3 ones cite the RFC", () => {
    const of = (preset: string) => questionsForKnobs(knobsOf(preset)).filter((q) => q.source.kind === 'engine' && /StateAfter$/.test(q.source.measure));
    const tls12 = of('tls12').filter((q) => q.source.kind === 'engine' && q.source.measure === 'tlsStateAfter');
    expect(tls12.length).toBeGreaterThan(0);
    for (const q of tls12) expect(q.prompt).toMatch(/in the tutor's own names for the steps, since RFC 5246 names no TLS 1\.2 states\)\?$/);
    for (const q of of('quic').filter((x) => x.source.kind === 'engine' && x.source.measure === 'quicStateAfter')) expect(q.prompt).toMatch(/RFC 9000 names none/);
    for (const q of of('tls13')) {
      expect(q.prompt).not.toMatch(/tutor's own names/);
      expect(q.explanation).toMatch(/RFC (9293 §3\.3\.2|8446 Appendix A)/);
    }
  });
});

describe('handshake messages are handshake messages (issue 16)', () => {
  it('ChangeCipherSpec, its own content type, is never offered as a handshake message that travels in the clear', () => {
    for (const preset of ['tls12', 'tls12-resumed', 'tls13', 'tls13-0rtt', 'tls13-client-auth']) {
      const knobs = knobsOf(preset);
      for (const q of questionsForKnobs(knobs).filter((x) => x.source.kind === 'engine' && (x.source.measure === 'clearMessage' || x.source.measure === 'encryptedMessage'))) {
        expect(q.choices, `${preset}: ${q.prompt}`).not.toContain('ChangeCipherSpec');
      }
    }
  });

  it("the order question names ChangeCipherSpec beside the handshake messages when the order has it", () => {
    const q = ask('messageOrder', 'tls12', {side: 'client'});
    expect(right(q)).toContain('ChangeCipherSpec');
    expect(q.prompt).toMatch(/handshake messages \(and its ChangeCipherSpec\)/);
  });

  it("0-RTT's explanation puts the early data under the PSK's early traffic key, not the key shares' (RFC 8446 §7.1)", () => {
    const q = ask('encryptedMessage', 'tls13-0rtt', {message: 'EndOfEarlyData'});
    expect(q.explanation).toMatch(/early traffic key, made from the PSK alone/);
    expect(ask('encryptedMessage', 'tls13', {message: 'Certificate'}).explanation).not.toMatch(/early/);
  });
});

describe('worksheets', () => {
  it('are the same for the same seed, and differ for another', () => {
    const a = JSON.stringify(worksheet(generateQuiz({seed: 3}), 3));
    expect(JSON.stringify(worksheet(generateQuiz({seed: 3}), 3))).toBe(a);
    expect(JSON.stringify(worksheet(generateQuiz({seed: 4}), 4))).not.toBe(a);
  });

  it('mix topics and kinds of question, with no question twice', () => {
    const questions = generateQuiz({seed: 11, count: 14});
    expect(questions).toHaveLength(14);
    expect(new Set(questions.map((q) => q.topic)).size).toBe(TOPICS.length);
    expect(new Set(questions.map((q) => q.id)).size).toBe(14);
    for (const q of questions) expectWellFormed(q);
  });

  it.each(TOPICS.map((t) => [t.id]))('topic %s has at least 20 questions, all well formed and of that topic', (topic) => {
    const questions = generateQuiz({seed: 5, topic, count: 20});
    expect(questions).toHaveLength(20);
    for (const q of questions) {
      expect(q.topic).toBe(topic);
      expectWellFormed(q);
    }
    expect(new Set(questions.map((q) => q.source.kind === 'engine' && q.source.measure)).size).toBeGreaterThanOrEqual(3);
  });

  it('covers every measure somewhere', () => {
    const measures = new Set(TOPIC_IDS.flatMap((topic) => generateQuiz({seed: 1, topic, count: 200}).map((q) => q.source.kind === 'engine' && q.source.measure)));
    expect([...measures].sort()).toEqual([...MEASURES].sort());
  });
});

describe('questions for any knob set', () => {
  it('asks about every measure that applies, with stable keys', () => {
    const questions = questionsForKnobs(knobsOf('tls13', {close: 'three-way', closer: 'server'}), {rttMs: 60});
    for (const q of questions) expectWellFormed(q);
    const measures = new Set(questions.map((q) => q.source.kind === 'engine' && q.source.measure));
    for (const m of ['requestSentRtt', 'requestSentMs', 'tlsAddedRtt', 'tcpStateAfter', 'tlsStateAfter', 'nextFrame', 'messageOrder', 'encryptedMessage', 'clearMessage', 'closeSegments', 'timeWaitSide', 'timeWaitMs']) {
      expect(measures).toContain(m);
    }
  });

  it('questionFromKey gives nothing for keys this version cannot ask', () => {
    expect(questionFromKey('noSuchMeasure?tls=1.3')).toBeUndefined();
    expect(questionFromKey('requestSentRtt?tls=1.4')).toBeUndefined();
    expect(questionFromKey('tcpStateAfter?side=client&frame=no-such-frame')).toBeUndefined();
    expect(questionFromKey('lesson:tls13:q1')).toBeUndefined();
  });
});

describe('counting conventions (issue 17): "how long does the handshake take" follows the learner\'s course', () => {
  it('counts to the client (it may send) or to the server (it is done too), and explains both', () => {
    const client = ask('handshakeDoneRtt', 'tcp-handshake', {side: 'client'});
    const server = ask('handshakeDoneRtt', 'tcp-handshake', {side: 'server'});
    expect(right(client)).toBe('1 RTT');
    expect(right(server)).toBe('1.5 RTT');
    expect(client.prompt).toMatch(/until the client's side is done and it may send its request\?/);
    expect(server.prompt).toMatch(/until the server's side is done too\?/);
    // The other convention's figure is offered, tagged as the other convention.
    expect(client.mistakes[choiceFor(client, '1.5 RTT')]).toMatch(/the other convention/);
    for (const q of [client, server]) expect(q.explanation).toMatch(/The client's side is done at 1 RTT .*; the server's at 1\.5 RTT/);
    expect(right(ask('handshakeDoneRtt', 'tls13', {side: 'client'}))).toBe('2 RTT');
    expect(right(ask('handshakeDoneRtt', 'tls13', {side: 'server'}))).toBe('2.5 RTT');
  });

  it("a quiz asks it only the learner's way; a worksheet's default is the client's", () => {
    const sides = (counting?: 'client' | 'server') =>
      new Set(
        generateQuiz({seed: 5, count: 100, topic: 'tcp-handshake', ...(counting ? {counting} : {})})
          .filter((q) => q.source.kind === 'engine' && q.source.measure === 'handshakeDoneRtt')
          .map((q) => (q.source.kind === 'engine' ? q.source.side : undefined)),
      );
    expect(sides('server')).toEqual(new Set(['server']));
    expect(sides()).toEqual(new Set(['client']));
  });

  it('is not asked where the handshake carries data early (TFO, 0-RTT, False Start): there it has no one answer', () => {
    for (const preset of ['tfo-cookie', 'tls13-0rtt', 'tls12-false-start']) {
      expect(questionsForKnobs(knobsOf(preset)).some((q) => q.source.kind === 'engine' && q.source.measure === 'handshakeDoneRtt'), preset).toBe(false);
    }
  });
});

describe('a whole page fetched the textbook\'s ways (issue 17)', () => {
  it('asks non-persistent and parallel pages with the strategy named, and the other strategies as wrong choices, each simulated', () => {
    const q = ask('pageLoadRtt', 'page-load-non-persistent');
    expectWellFormed(q);
    expect(q.prompt).toContain('non-persistent HTTP: a new connection for each object, one after another');
    expect(right(q)).toBe('10 RTT');
    // The same page, persistent (7), pipelined (5) and over 2 parallel connections (8): real runs, named.
    expect(q.mistakes[choiceFor(q, '7 RTT')]).toBe('that is persistent HTTP without pipelining');
    expect(q.explanation).toMatch(/2·RTT per object/);
    const parallel = ask('pageLoadRtt', 'page-load-parallel');
    expect(right(parallel)).toBe('6 RTT');
    expect(parallel.prompt).toContain('up to 3 at once');
    expect(parallel.explanation).toContain('ceil(3/3) batches');
    const persistent = ask('pageLoadRtt', 'page-load');
    expect(persistent.mistakes[choiceFor(persistent, '10 RTT')]).toBe('that is non-persistent HTTP, one connection after another');
  });

  it('names the connection in next-frame choices, never offering one sent at the same instant as wrong', () => {
    const q = ask('nextFrame', 'page-load-parallel', {frameId: 'response-fin'});
    expectWellFormed(q);
    expect(right(q)).toBe('client: c1 ACK');
    expect(q.prompt).toContain('After the server\'s "response + FIN" on connection 1 (frame 5)');
    expect(q.prompt).toContain('a page of one base file and 3 objects (non-persistent HTTP: a new connection for each object, up to 3 at once)');
    // At that instant the client also sends c1's FIN and opens c2, c3 and c4: none is offered as wrong.
    for (const same of ['client: c1 FIN+ACK', 'client: c2 SYN', 'client: c3 SYN', 'client: c4 SYN']) expect(q.choices).not.toContain(same);
    for (const choice of q.choices) expect(choice).toMatch(/^(client|server): c\d /);
  });

  it('counts times from the click when DNS lookups come first, and says so; leaving them out is a wrong choice', () => {
    const q = ask('requestSentRtt', 'page-load');
    expectWellFormed(q);
    expect(q.prompt).toContain('2 DNS lookups of one round trip each before the first packet');
    expect(q.prompt).toContain('Counting from the click (t = 0), DNS lookups included');
    expect(right(q)).toBe('3 RTT');
    expect(q.mistakes[choiceFor(q, '1 RTT')]).toBe('counts from the first packet, leaving out the DNS round trips before it');
    // Without DNS the first packet is t = 0, as before.
    expect(ask('requestSentRtt', 'tcp-handshake').prompt).toContain("Counting from the client's first packet (t = 0)");
  });

  it('never asks the same words twice in one quiz, even when two knob sets ask the same thing', () => {
    for (const seed of [1, 2, 3]) {
      const questions = generateQuiz({topic: 'page-load', count: 80, seed});
      const seen = questions.map((q) => `${q.prompt}|${[...q.choices].sort().join('|')}`);
      expect(new Set(seen).size).toBe(seen.length);
    }
  });

  it('asks nothing of "the" handshake or "the" close of a page over several connections', () => {
    const measures = new Set(questionsForKnobs(knobsOf('page-load-parallel')).map((question) => question.id.split('?')[0]));
    expect([...measures].sort()).toEqual(expect.arrayContaining(['nextFrame', 'pageLoadRtt']));
    for (const m of ['closeSegments', 'timeWaitSide', 'tcpStateAfter', 'messageOrder']) expect(measures.has(m)).toBe(false);
  });
});
