// What the lab overlay shows: a sentence while the real run is under way, the lab's report at
// the screen's width once it is back (the same lines as `hs-tutor lab`), or why it cannot run.
import {wrap} from '../../render/text.js';
import {labLines} from '../../lab/report.js';
import type {PlayerState} from './model.js';

export function labOverlayLines(player: PlayerState, columns: number): string[] {
  const lab = player.lab;
  const scenario = player.lesson.parts[player.part]!.scenario;
  if (lab === undefined || lab.status === 'running') {
    return wrap(
      `Running ${scenario} for real: Node's own TCP and TLS (OpenSSL) on loopback, through a relay that delays each way by half of ${player.rttMs} ms. It takes a moment.`,
      columns,
    );
  }
  if (lab.status === 'failed') return wrap(lab.message, columns);
  return labLines(lab.report, columns);
}
