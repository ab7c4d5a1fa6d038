// The lab's report as plain text at a given width: the flights side by side (simulated and real
// send times, their difference, what each carried and its size), the moments a learner counts to,
// and each difference with its reason. The CLI prints it; the TUI's lab view shows the same lines.
import {wrap} from '../render/text.js';
import type {LabReport} from './index.js';

const num = (value: number | null) => (value === null ? '—' : value.toFixed(1));
const delta = (sim: number | null, real: number | null) => (sim === null || real === null ? '' : `${real - sim >= 0 ? '+' : '−'}${Math.abs(real - sim).toFixed(1)}`);

export function labLines(report: LabReport, columns: number): string[] {
  const lines: string[] = [];
  const add = (text: string, indent = 0) => lines.push(...wrap(text, columns, indent));
  const tls = report.tls === null ? 'plain TCP' : `${report.tls.version} ${report.tls.suite}${report.tls.resumed ? ', resumed' : ''}`;
  add(`Lab: ${report.scenario} at RTT ${report.rttMs} ms, for real on Node ${report.node} (OpenSSL ${report.openssl}) through a relay on loopback: ${tls}.`);
  lines.push('');
  lines.push('   simulated      real      Δ   ms from the client\'s first packet');
  for (const row of report.comparison.rows) {
    const arrow = row.side === 'client' ? '→' : '←';
    const sizes =
      row.simulatedBytes !== null && row.realBytes !== null
        ? row.simulatedBytes === row.realBytes
          ? `${row.realBytes} B`
          : `${row.simulatedBytes} B simulated, ${row.realBytes} B real`
        : row.realBytes !== null
          ? `${row.realBytes} B, real only`
          : `${row.simulatedBytes} B, simulated only`;
    const bytes = (row.simulatedBytes ?? 0) + (row.realBytes ?? 0) === 0 ? '' : ` (${sizes})`;
    add(`${arrow} ${num(row.simulatedMs).padStart(9)} ${num(row.realMs).padStart(9)} ${delta(row.simulatedMs, row.realMs).padStart(6)}   ${row.what}${bytes}`, 32);
  }
  lines.push('');
  for (const m of report.comparison.moments) {
    add(`  ${num(m.simulatedMs).padStart(9)} ${num(m.realMs).padStart(9)} ${delta(m.simulatedMs, m.realMs).padStart(6)}   ${m.what}`, 32);
  }
  lines.push('', 'What differs, and why:');
  for (const d of report.comparison.differences) add(`• ${d}`, 2);
  return lines;
}
