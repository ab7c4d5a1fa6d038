// The misconceptions a wrong answer can show, in one table: each with the sentence a learner
// reads and the lesson frame that corrects it. Wrong choices carry one of these ids where the
// mistake they stand for is one of them (quiz questions: src/quiz/measures.ts; lesson
// checkpoints: checkpointMisconception below), and progress counts them, so the home screen and
// `hs-tutor progress` can name a learner's most frequent ones and offer practice.

export interface Misconception {
  id: string;
  /** A few words for a menu: the mistake, not the truth. */
  short: string;
  /** What the learner believes, and what is true, in one sentence. */
  text: string;
  /** The built-in lesson, and the frame of its first part, that shows the truth. */
  lesson: string;
  frameId: string;
  /** The quiz topic whose questions practise it (src/quiz/topics.ts). */
  topic: string;
}

export const MISCONCEPTIONS: readonly Misconception[] = [
  {
    id: 'handshake-is-request-time',
    short: "the handshake's 1.5 RTT as the request time",
    text: "Counts the TCP handshake's 1.5 RTT of segments as the time the request leaves; the client may send right after 1 RTT, with the handshake's last ACK.",
    lesson: 'tcp-handshake',
    frameId: 'ack',
    topic: 'tcp-handshake',
  },
  {
    id: 'psk-is-0rtt',
    short: "PSK resumption taken for 0-RTT",
    text: 'Takes PSK resumption for 0-RTT; without early data, resuming saves the certificate, not a round trip.',
    lesson: 'tls13-resumption',
    frameId: 'client-hello',
    topic: 'resumption',
  },
  {
    id: '0rtt-skips-tcp',
    short: "0-RTT taken to skip the TCP handshake",
    text: 'Thinks 0-RTT data also skips the TCP handshake; it removes the TLS round trip only (TCP Fast Open is what puts data in the SYN).',
    lesson: 'tls13-resumption',
    frameId: 'client-hello',
    topic: 'resumption',
  },
  {
    id: 'forgets-tcp-under-tls',
    short: "the TCP handshake left out of TLS round trips",
    text: 'Counts only the TLS round trips and forgets the TCP handshake that comes before them.',
    lesson: 'tls13',
    frameId: 'client-hello',
    topic: 'tls13',
  },
  {
    id: 'certificate-request-always',
    short: "a CertificateRequest in every TLS handshake",
    text: 'Thinks the server asks for a client certificate in every TLS handshake; CertificateRequest comes only when the server wants to authenticate the client.',
    lesson: 'client-auth',
    frameId: 'server-flight',
    topic: 'tls13',
  },
  {
    id: 'time-wait-on-server',
    short: "TIME-WAIT put on the server",
    text: 'Thinks TIME-WAIT is on the server; it is on whichever side sends the first FIN, usually the client.',
    lesson: 'tcp-close',
    frameId: 'ack-fin-2',
    topic: 'tcp-close',
  },
  {
    id: 'tfo-first-connection',
    short: "TCP Fast Open saving a round trip the first time",
    text: 'Thinks TCP Fast Open saves a round trip on the first connection; that one only obtains the cookie, and later connections use it.',
    lesson: 'tfo',
    frameId: 'syn',
    topic: 'tfo',
  },
  {
    id: 'quic-two-handshakes',
    short: "a transport handshake before QUIC's TLS one",
    text: 'Counts a transport handshake before the TLS one over QUIC; QUIC does both in the same round trip.',
    lesson: 'quic',
    frameId: 'client-hello',
    topic: 'quic',
  },
  {
    id: 'ack-names-last-byte',
    short: "an ACK number naming the last byte received",
    text: 'Thinks an acknowledgment number names the last byte received; it names the next byte expected, so a SYN is acknowledged with ISN + 1.',
    lesson: 'tcp-handshake',
    frameId: 'syn-ack',
    topic: 'tcp-handshake',
  },
];

const BY_ID = new Map(MISCONCEPTIONS.map((m) => [m.id, m]));

export function findMisconception(id: string): Misconception | undefined {
  return BY_ID.get(id);
}

/** One line of a learner's profile: a misconception and how often it showed. */
export interface ProfileEntry extends Misconception {
  count: number;
}

/** The misconceptions that showed, the most frequent first (ties in the table's order). */
export function misconceptionProfile(counts: Readonly<Record<string, number>>): ProfileEntry[] {
  return MISCONCEPTIONS.filter((m) => (counts[m.id] ?? 0) > 0)
    .map((m) => ({...m, count: counts[m.id]!}))
    .sort((a, b) => b.count - a.count);
}

/**
 * The misconception a wrong answer to a lesson checkpoint shows, from what the checkpoint asks
 * (its `expect` query) and the values of the right and the chosen answer; undefined when none
 * of the table's applies.
 */
export function checkpointMisconception(expect: string | null, answer: string, chosen: string): string | undefined {
  if (expect === null) return undefined;
  const a = Number(answer.replace(/[^\d.]/g, ''));
  const c = Number(chosen.replace(/[^\d.]/g, ''));
  const numbers = answer !== '' && chosen !== '' && Number.isFinite(a) && Number.isFinite(c);
  if (/\btcp\.ack$/.test(expect) && numbers && c === a - 1) return 'ack-names-last-byte';
  if (/summary\.requestSent(Rtt|Ms)$/.test(expect) && numbers && c > a && (c - a) % 1 !== 0) return 'handshake-is-request-time';
  if (/\bserver\.tcp$/.test(expect) && chosen === 'TIME-WAIT' && answer !== 'TIME-WAIT') return 'time-wait-on-server';
  if (/\bmessages$/.test(expect) && chosen.includes('CertificateRequest') && !answer.includes('CertificateRequest')) return 'certificate-request-always';
  return undefined;
}
