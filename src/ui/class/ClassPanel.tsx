// The instructor's view of the room: how many are connected, following and exploring, then each
// student with where they are (and, while a question is up, whether they answered — not what).
import {Box, Text} from 'ink';
import {currentQuestion, rosterCounts, type HostState, type Refusal, type RosterEntry} from '../../class/index.js';
import {padEnd, truncate} from '../../render/text.js';

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
};

export function refusalLine(state: HostState): string | null {
  const parts = Object.entries(state.refused)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([why, n]) => `${REFUSALS[why as Refusal]} ${n}`);
  return parts.length === 0 ? null : `Turned away: ${parts.join(', ')}`;
}

function where(student: RosterEntry, state: HostState): string {
  if (!student.connected) return 'offline';
  if (student.following || !student.at) return 'following';
  const parts = state.position.lesson.parts.length;
  return `alone: ${parts > 1 ? `part ${student.at.part + 1} ` : ''}frame ${student.at.frame + 1}`;
}

export function rosterLines(state: HostState, width: number): string[] {
  const question = currentQuestion(state);
  const nameWidth = Math.max(8, Math.min(24, width - 24));
  return state.roster.map((s) => {
    const mark = !s.connected ? '✕' : s.following ? '●' : '○';
    const answered = question ? (question.answers[s.id] ? ' ✓' : ' ·') : '';
    return truncate(`${mark} ${padEnd(truncate(s.name, nameWidth), nameWidth)} ${where(s, state)}${answered}`, width);
  });
}

export function ClassPanel({state, width, height}: {state: HostState; width: number; height: number}) {
  const counts = rosterCounts(state);
  const refused = refusalLine(state);
  const lines = rosterLines(state, width);
  const room = Math.max(0, height - 1 - (refused ? 1 : 0));
  const shown = lines.length > room ? [...lines.slice(0, Math.max(0, room - 1)), `… and ${lines.length - room + 1} more`] : lines;
  const header = `Class: ${counts.connected} connected · ${counts.following} following · ${counts.exploring} alone${counts.offline > 0 ? ` · ${counts.offline} offline` : ''}`;
  return (
    <Box flexDirection="column" height={height}>
      <Text bold>{truncate(header, width)}</Text>
      {state.roster.length === 0 && room > 0 && <Text dimColor>{truncate('Nobody has joined yet (J shows the join line).', width)}</Text>}
      {shown.map((line, i) => (
        <Text key={i} dimColor={line.startsWith('✕')}>
          {line}
        </Text>
      ))}
      {refused && <Text color="yellow">{truncate(refused, width)}</Text>}
    </Box>
  );
}
