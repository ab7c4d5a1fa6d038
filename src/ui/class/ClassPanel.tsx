// The instructor's view of the room: how many are connected, following and exploring, then each
// student with where they are (and, while a question is up, whether they answered — not what).
import {Box, Text} from 'ink';
import {currentQuestion, heatMap, rosterCounts, type HostState, type Refusal, type RosterEntry} from '../../class/index.js';
import {padEnd, truncate, wrap} from '../../render/text.js';

const REFUSALS: Record<Refusal, string> = {
  'wrong-code': 'wrong code',
  'rate-limited': 'slowed down',
  malformed: 'malformed',
  'too-long': 'too long',
  flood: 'flooding',
  full: 'class full',
  timeout: 'timed out',
  slow: 'not reading',
  version: 'old version',
  closed: 'class closed',
};

export function refusalLine(state: HostState): string | null {
  const parts = Object.entries(state.refused)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([why, n]) => `${REFUSALS[why as Refusal]} ${n}`);
  return parts.length === 0 ? null : `Turned away: ${parts.join(', ')}`;
}

function where(student: RosterEntry, state: HostState): string {
  if (student.removed) return 'removed';
  if (!student.connected) return 'offline';
  if (student.following || !student.at) return 'following';
  const parts = state.position.lesson.parts.length;
  return `alone: ${parts > 1 ? `part ${student.at.part + 1} ` : ''}frame ${student.at.frame + 1}`;
}

/** One line per student; a name longer than its column is shortened (it is a name, not a sentence). */
export function rosterLines(state: HostState, width: number): string[] {
  const question = currentQuestion(state);
  const nameWidth = Math.max(8, Math.min(24, width - 24));
  return state.roster.map((s) => {
    const mark = s.removed ? '⊘' : !s.connected ? '✕' : s.following ? '●' : '○';
    const answered = question ? (question.answers[s.id] ? ' ✓' : ' ·') : '';
    return `${mark} ${padEnd(truncate(s.name, nameWidth), nameWidth)} ${where(s, state)}${answered}`;
  });
}

/** The rows the panel wants: the header, each student (or the line saying nobody has joined), the refusals. */
export function classPanelRows(state: HostState, width: number): number {
  const refused = refusalLine(state);
  return headerLines(state, width).length + Math.max(1, state.roster.length) + (refused ? wrap(refused, width).length : 0);
}

/** The live heat-map in a line: the frames the class struggles with, the hardest first. */
export function heatLine(state: HostState): string | null {
  const spots = heatMap(state).slice(0, 4);
  if (spots.length === 0) return null;
  const parts = state.position.lesson.parts.length > 1;
  const say = (n: number, what: string) => (n > 0 ? [`${n} ${what}`] : []);
  return `Struggling: ${spots.map((s) => `${parts ? `part ${s.part + 1} ` : ''}frame ${s.frame + 1} (${[...say(s.wrong, 'wrong'), ...say(s.alone, 'alone')].join(', ')})`).join(' · ')}`;
}

function headerLines(state: HostState, width: number): string[] {
  const counts = rosterCounts(state);
  const heat = heatLine(state);
  return [...wrap(`Class: ${counts.connected} connected · ${counts.following} following · ${counts.exploring} alone${counts.offline > 0 ? ` · ${counts.offline} offline` : ''}${state.closed ? ' · closed to newcomers (C opens)' : ''}`, width, 2), ...(heat ? wrap(heat, width, 2) : [])];
}

export function ClassPanel({state, width, height}: {state: HostState; width: number; height: number}) {
  const refused = refusalLine(state);
  const refusedLines = refused ? wrap(refused, width, 2) : [];
  const header = headerLines(state, width);
  const lines = rosterLines(state, width);
  const room = Math.max(0, height - header.length - refusedLines.length);
  const shown = lines.length <= room ? lines : room === 0 ? [] : [...lines.slice(0, room - 1), `↓ and ${lines.length - room + 1} more students`];
  return (
    <Box flexDirection="column" height={height}>
      {header.map((line, i) => (
        <Text key={`h${i}`} bold>
          {line}
        </Text>
      ))}
      {state.roster.length === 0 && room > 0 && wrap('Nobody has joined yet (J shows the join line).', width).slice(0, room).map((line, i) => (
        <Text key={`e${i}`} dimColor>
          {line}
        </Text>
      ))}
      {shown.map((line, i) => (
        <Text key={i} dimColor={line.startsWith('✕')}>
          {line}
        </Text>
      ))}
      {refusedLines.map((line, i) => (
        <Text key={`r${i}`} color="yellow">
          {line}
        </Text>
      ))}
    </Box>
  );
}
