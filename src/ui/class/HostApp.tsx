// The instructor's root: owns the screen state (host-ui.ts over the tutor's own reducer) and the
// one useInput, shows the lesson player beside the class panel, and tells the network host
// whenever the class position changes. Everything below it only draws.
import {Box, Text, useApp} from 'ink';
import {useCallback, useEffect, useRef, useState, useSyncExternalStore} from 'react';
import {currentQuestion, rosterCounts, type ClassPosition, type HostQuestion, type HostState} from '../../class/index.js';
import {wrap} from '../../render/text.js';
import {useInterval} from '../common/use-interval.js';
import {useWindowSize} from '../common/use-window-size.js';
import {useKeys} from '../common/use-keys.js';
import type {TutorLesson} from '../app/ports.js';
import {Player} from '../player/Player.js';
import {TooSmall, tooSmall} from '../common/TooSmall.js';
import {SPEEDS, type PlayerState} from '../player/model.js';
import {ClassPanel, classPanelRows} from './ClassPanel.js';
import {hostKey, hostTick, initialHostUi, type HostUi} from './host-ui.js';
import {JoinBanner} from './JoinBanner.js';
import {classHelpText, HOST_BINDINGS} from './keys.js';
import {LessonList, QuestionPicker, StudentList} from './Pickers.js';
import {classPosition, positionKey, questionCandidates} from './position.js';
import {QuestionPanel, questionPanelRows} from './QuestionPanel.js';

/** What the root needs of the network host (ClassHost, or a fake in tests). */
export interface HostPort {
  readonly snapshot: HostState;
  subscribe(listener: () => void): () => void;
  setPosition(position: ClassPosition): void;
  push(question: HostQuestion): void;
  reveal(): void;
  clearQuestion(): void;
  showVotes(): void;
  revote(): void;
  setLockStep(on: boolean): void;
  setClosed(on: boolean): void;
  remove(id: string): void;
  /** A new key and so a new code; students in the class get it. */
  rotate(): void;
  /** The code now (it changes when rotated); absent in tests that fake the host. */
  readonly code?: string;
}

export interface HostAppProps {
  host: HostPort;
  lessons: TutorLesson[];
  lessonId: string;
  /** Where a resumed class was (its journal's last position): the player opens there, knobs and RTT included. */
  at?: ClassPosition;
  /** The line students type, and the same for the machine's other addresses. */
  joinLine: string;
  otherJoinLines: string[];
  code: string;
  /** Saves the results now; returns the sentence to show. */
  save(state: HostState): string;
  /** Where the results will go, for the end-of-class question. */
  csvPath: string;
  candidates?: (player: PlayerState) => HostQuestion[];
}

/** The side panel's width when the player and the panel fit side by side, else 0 (stacked). */
export function sideWidth(columns: number): number {
  return columns >= 120 ? Math.min(48, columns - 80) : 0;
}

export function HostApp({host, lessons, lessonId, at, joinLine: firstLine, otherJoinLines: firstOthers, code: firstCode, save, csvPath, candidates = questionCandidates}: HostAppProps) {
  const {exit} = useApp();
  const {columns, rows} = useWindowSize();
  const subscribe = useCallback((listener: () => void) => host.subscribe(listener), [host]);
  const snapshot = useSyncExternalStore(subscribe, () => host.snapshot);
  const [ui, setUi] = useState<HostUi>(() => initialHostUi(lessons, lessonId, at));
  const [notice, setNotice] = useState<string | null>(null);
  const latest = useRef(ui);

  useKeys((name) => {
    setNotice(null);
    const q = currentQuestion(host.snapshot);
    const context = {
      candidates: (u: HostUi) => (u.app.player ? candidates(u.app.player) : []),
      question: q ? {revealed: q.revealed, ...(q.round === undefined ? {} : {round: q.round})} : null,
      students: () => host.snapshot.roster.filter((s) => !s.removed).map((s) => ({id: s.id, name: s.name})),
    };
    const {ui: next, effects} = hostKey(latest.current, name, context);
    latest.current = next;
    let end = false;
    for (const effect of effects) {
      if (effect.type === 'push') host.push(effect.question);
      else if (effect.type === 'reveal') host.reveal();
      else if (effect.type === 'votes') host.showVotes();
      else if (effect.type === 'revote') host.revote();
      else if (effect.type === 'lockStep') host.setLockStep(host.snapshot.lockStep !== true);
      else if (effect.type === 'closed') host.setClosed(host.snapshot.closed !== true);
      else if (effect.type === 'remove') host.remove(effect.id);
      else if (effect.type === 'rotate') {
        host.rotate();
        setNotice(`A new code: ${host.code ?? ''}. The old one admits nobody now; students in the class got the new one (J shows it).`);
      }
      else if (effect.type === 'clear') host.clearQuestion();
      else if (effect.type === 'save') setNotice(save(host.snapshot));
      else end = true;
    }
    setUi(latest.current);
    if (end) exit();
  });

  // The class moves with the instructor's player: frame, part, knobs, RTT or lesson.
  const player = ui.app.player;
  const where = player ? positionKey(player) : '';
  useEffect(() => {
    if (player) host.setPosition(classPosition(player));
  }, [where]);

  const autoplaySpeed = player?.autoplay ? SPEEDS[player.speed] : undefined;
  useInterval(
    () => {
      latest.current = hostTick(latest.current);
      setUi(latest.current);
    },
    autoplaySpeed === undefined ? undefined : 1000 / autoplaySpeed,
  );

  const height = rows - 1;
  if (tooSmall(columns, rows)) return <TooSmall columns={columns} rows={rows} />;
  // After R the join lines carry the new code (the snapshot changed with it, so this is fresh).
  const code = host.code ?? firstCode;
  const joinLine = firstLine.replace(firstCode, code);
  const otherJoinLines = firstOthers.map((line) => line.replace(firstCode, code));
  const top = wrap(` Join: ${joinLine} `, columns, 7);
  const help = wrap(ui.overlay === 'end' ? `End the class? Results go to ${csvPath}. y ends · n goes back` : (notice ?? classHelpText(HOST_BINDINGS)), columns, 2);
  const body = height - top.length - help.length;
  const side = sideWidth(columns);
  let main;
  if (ui.overlay === 'join') {
    main = <JoinBanner line={joinLine} code={code} others={otherJoinLines} counts={rosterCounts(snapshot)} width={columns} height={body} />;
  } else if (ui.overlay === 'ask') {
    main = <QuestionPicker candidates={ui.candidates} cursor={ui.cursor} width={columns} height={body} />;
  } else if (ui.overlay === 'remove') {
    main = <StudentList students={ui.removable} cursor={ui.cursor} width={columns} height={body} />;
  } else if (ui.overlay === 'lessons') {
    main = <LessonList lessons={ui.app.lessons} current={player?.lesson.id} cursor={ui.cursor} width={columns} height={body} />;
  } else if (!player) {
    main = <Text>No lesson is open.</Text>;
  } else if (side > 0) {
    // Beside the lesson: the question gets what it needs (every choice), the roster the rest.
    const asked = Math.min(questionPanelRows(snapshot, ui.named, side), body - 4);
    main = (
      <Box flexDirection="row" height={body}>
        <Player player={player} width={columns - side - 1} height={body} presenter />
        <Box flexDirection="column" width={side} marginLeft={1} height={body}>
          <ClassPanel state={snapshot} width={side} height={body - asked} />
          <QuestionPanel state={snapshot} named={ui.named} width={side} height={asked} />
        </Box>
      </Box>
    );
  } else {
    // Under the lesson (which keeps eight rows: its header, two of the ladder, the states and keys):
    // the question with every choice first, then the roster.
    const spare = Math.max(2, body - 8);
    const asked = Math.min(questionPanelRows(snapshot, ui.named, columns), spare - 1);
    const roster = Math.max(1, Math.min(classPanelRows(snapshot, columns), spare - asked, 6));
    main = (
      <Box flexDirection="column" height={body}>
        <Player player={player} width={columns} height={body - asked - roster} presenter />
        <ClassPanel state={snapshot} width={columns} height={roster} />
        <QuestionPanel state={snapshot} named={ui.named} width={columns} height={asked} />
      </Box>
    );
  }
  return (
    <Box flexDirection="column" height={height}>
      {top.map((line, i) => (
        <Text key={`j${i}`} bold inverse>
          {line}
        </Text>
      ))}
      {main}
      {help.map((line, i) => (
        <Text key={`f${i}`} dimColor={ui.overlay !== 'end' && notice === null} bold={ui.overlay === 'end'}>
          {line}
        </Text>
      ))}
    </Box>
  );
}
