// The knobs of the current part over the ladder (knobs-layout.ts shares the rows): a valid change
// re-simulates at once and the ladder above shows it; an invalid one shows the engine's sentence
// and the ladder keeps the last valid run.
import {Box, Text} from 'ink';
import {ScrollView} from '../common/scroll.js';
import {answerMask} from './checkpoints.js';
import {layoutKnobs} from './knobs-layout.js';
import {LadderView} from './LadderView.js';
import type {PlayerState} from './model.js';

export function KnobsPanel({player, width, height}: {player: PlayerState; width: number; height: number}) {
  const layout = layoutKnobs(player, width, height);
  return (
    <Box flexDirection="column" height={height}>
      {layout.ladderRows > 0 && <LadderView trace={player.trace} frame={player.frame} width={width} height={layout.ladderRows} toScale={player.toScale} mask={player.presenter ? undefined : answerMask(player)} />}
      <Text bold>{layout.title}</Text>
      {layout.list.map((line, i) => (
        <Text key={i} inverse={line.inverse}>
          {line.text}
        </Text>
      ))}
      <ScrollView lines={layout.detail} rows={layout.detailRows} offset={player.scroll} keys="PgUp PgDn" />
    </Box>
  );
}
