// A student's root: owns the screen state (student-ui.ts) and the one useInput, reads the class
// from the network client, and shows the status line, the lesson player at the class position
// (or wherever the student explores), and the pushed question.
import {parseLessonKey, parseSpecKey} from '../../quiz/keys.js';
import type {ReviewOutcome} from '../../quiz/review.js';
import {Box, Text, useApp} from 'ink';
import {useCallback, useEffect, useRef, useState, useSyncExternalStore} from 'react';
import type {ClassPosition, StudentState} from '../../class/index.js';
import {wrap} from '../../render/text.js';
import {useInterval} from '../common/use-interval.js';
import {useWindowSize} from '../common/use-window-size.js';
import {useKeys} from '../common/use-keys.js';
import type {TutorLesson} from '../app/ports.js';
import {Player} from '../player/Player.js';
import {TooSmall, tooSmall} from '../common/TooSmall.js';
import {SPEEDS, type PlayerState} from '../player/model.js';
import {classHelpText, STUDENT_BINDINGS} from './keys.js';
import {lessonFromWire} from './position.js';
import {classMoved, initialStudentUi, lockedFor, studentKey, studentTick, type StudentUi} from './student-ui.js';
import {questionRows, statusLines, StudentBar, StudentQuestion} from './StudentPanels.js';

/** What the root needs of the network client (ClassClient, or a fake in tests). */
export interface StudentPort {
  readonly state: StudentState;
  subscribe(listener: () => void): () => void;
  answer(choice: number): boolean;
  follow(): void;
  detach(part: number, frame: number): void;
  close(): void;
}

export interface StudentAppProps {
  client: StudentPort;
  /** The student's own lessons: narration for frames the class has not shown yet. */
  lessons: TutorLesson[];
  /** host:port, as the student typed it. */
  address: string;
  /** After each reveal, the question's outcome for this student's own spaced review (the CLI's progress). */
  review?: (outcomes: ReviewOutcome[]) => void;
}

/** A review key from the network is kept only when this version can ask that question again. */
function knownKey(key: string): boolean {
  if (parseLessonKey(key)) return true;
  try {
    parseSpecKey(key);
    return true;
  } catch {
    return false;
  }
}

/** Narrations kept per lesson; a host cannot make a student keep more than this. */
const MAX_NARRATIONS = 2000;

/** While a question is open the lesson's words wait for the reveal: they would often answer it (peer instruction asks first). */
export function holdWords(view: PlayerState): PlayerState {
  const held = 'The lesson’s words for this frame show once the instructor reveals the answer: think it through, and talk it over if the class is asked to.';
  return {...view, lesson: {...view.lesson, narration: () => held, section: undefined, partText: undefined}};
}

export function StudentApp({client, lessons, address, review}: StudentAppProps) {
  const {exit} = useApp();
  const {columns, rows} = useWindowSize();
  const subscribe = useCallback((listener: () => void) => client.subscribe(listener), [client]);
  const net = useSyncExternalStore(subscribe, () => client.state);
  const [ui, setUi] = useState<StudentUi>(() => initialStudentUi(client.state.following));
  const latest = useRef(ui);
  const cache = useRef<{key: string; lesson: TutorLesson; narrations: Map<string, string>} | null>(null);

  const lessonFor = useCallback(
    (at: ClassPosition): TutorLesson => {
      const key = JSON.stringify(at.lesson);
      if (cache.current?.key !== key) {
        const narrations = new Map<string, string>();
        cache.current = {key, narrations, lesson: lessonFromWire(at.lesson, narrations, lessons.find((l) => l.id === at.lesson.id))};
      }
      return cache.current.lesson;
    },
    [lessons],
  );

  // The class moved (or the link came back): remember its words for the frame, and follow.
  useEffect(() => {
    const at = net.classAt;
    if (!at) return;
    const lesson = lessonFor(at);
    const narrations = cache.current!.narrations;
    if (at.narration !== null && narrations.size < MAX_NARRATIONS) narrations.set(`${at.part}:${at.frameId}`, at.narration);
    latest.current = classMoved(latest.current, at, lesson);
    setUi(latest.current);
  }, [net.classAt]);

  // Each revealed question goes into this student's own spaced review once: a miss comes back
  // (with a link to its frame), a right answer moves up a box.
  const reviewed = useRef(new Set<number>());
  const revealed = net.question && net.reveal?.question === net.question.id ? net.question : null;
  useEffect(() => {
    if (!revealed || !review || revealed.key === undefined || reviewed.current.has(revealed.id) || !knownKey(revealed.key)) return;
    reviewed.current.add(revealed.id);
    review([{key: revealed.key, correct: client.state.chosen === client.state.reveal?.answer}]);
  }, [revealed?.id]);

  // A lock-step question brings an explorer back to the class frame (and keeps them there).
  const lockedNow = lockedFor(net);
  useEffect(() => {
    if (!lockedNow || latest.current.following) return;
    const at = client.state.classAt;
    latest.current = {...latest.current, following: true, hint: 'The instructor brought the class together for a question.', ...(at ? {view: classMoved({...latest.current, following: true}, at, lessonFor(at)).view} : {})};
    client.follow();
    setUi(latest.current);
  }, [lockedNow]);

  useKeys((name) => {
    const {ui: next, effects} = studentKey(latest.current, name, {net: client.state, lessonFor});
    latest.current = next;
    let leave = false;
    for (const effect of effects) {
      if (effect.type === 'follow') client.follow();
      else if (effect.type === 'detach') client.detach(effect.part, effect.frame);
      else if (effect.type === 'answer') client.answer(effect.choice);
      else leave = true;
    }
    setUi(latest.current);
    if (leave) {
      client.close();
      exit();
    }
  });

  const view = ui.view;
  const autoplaySpeed = view?.autoplay && !ui.following ? SPEEDS[view.speed] : undefined;
  useInterval(
    () => {
      const before = latest.current.view;
      latest.current = studentTick(latest.current);
      const after = latest.current.view;
      if (before && after && after.frame !== before.frame) client.detach(after.part, after.frame);
      setUi(latest.current);
    },
    autoplaySpeed === undefined ? undefined : 1000 / autoplaySpeed,
  );

  const height = rows - 1;
  if (tooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
  const footer = wrap(ui.leaving ? 'Leave the class? y leaves · n stays' : (ui.hint ?? classHelpText(STUDENT_BINDINGS)), columns, 2);
  const status = statusLines(net, ui.following, view, address, columns).length;
  // A pushed question gets what it needs and the lesson keeps at least eight rows; when both do
  // not fit, the question takes the screen until the instructor takes it down.
  const room = height - status - footer.length;
  const wanted = questionRows(net, columns);
  const question = wanted === 0 ? 0 : wanted <= room - 8 ? wanted : room;
  const playerHeight = room - question;
  return (
    <Box flexDirection="column" height={height}>
      <StudentBar net={net} following={ui.following} view={view} address={address} width={columns} />
      {playerHeight === 0 ? null : view ? (
        <Player player={net.question && !revealed ? holdWords(view) : view} width={columns} height={playerHeight} />
      ) : (
        <Box height={playerHeight}>
          <Text>Waiting for the class position.</Text>
        </Box>
      )}
      {question > 0 && <StudentQuestion net={net} width={columns} height={question} />}
      {footer.map((line, i) => (
        <Text key={i} dimColor={!ui.leaving && ui.hint === null} bold={ui.leaving} color={ui.hint && !ui.leaving ? 'yellow' : undefined}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
