// Makes test/fixtures/captures/: real TLS 1.3 and TLS 1.2 connections between Node's own tls
// client and server (OpenSSL) on loopback, captured with dumpcap, with their NSS key logs. Run
// once by hand (needs dumpcap and the right to capture on lo); the files are committed, so the
// tests read what real stacks wrote without capturing anything themselves.
//   node scripts/capture-fixtures.mjs
import {execFileSync, spawn} from 'node:child_process';
import {once} from 'node:events';
import {mkdtempSync, readFileSync, writeFileSync, copyFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import tls from 'node:tls';

const out = new URL('../test/fixtures/captures/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'hs-tutor-fixtures-'));
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(work, 'key.pem'), '-out', join(work, 'cert.pem'), '-days', '1', '-subj', '/CN=localhost'], {stdio: 'ignore'});

for (const [name, version, port] of [['real-tls13', 'TLSv1.3', 8443], ['real-tls12', 'TLSv1.2', 8444]]) {
  const pcap = join(work, `${name}.pcapng`);
  const dumpcap = spawn('dumpcap', ['-i', 'lo', '-f', `tcp port ${port}`, '-w', pcap, '-q'], {stdio: ['ignore', 'ignore', 'pipe']});
  // dumpcap says "Capturing on" once it listens.
  await new Promise((resolve) => dumpcap.stderr.on('data', (d) => String(d).includes('Capturing') && resolve()));
  const lines = [];
  const server = tls.createServer({key: readFileSync(join(work, 'key.pem')), cert: readFileSync(join(work, 'cert.pem')), maxVersion: version}, (s) => {
    s.on('data', () => s.end('HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nhi'));
  });
  server.on('keylog', (line) => lines.push(line.toString()));
  server.listen(port, '127.0.0.1');
  await once(server, 'listening');
  const client = tls.connect({port, host: '127.0.0.1', rejectUnauthorized: false, maxVersion: version}, () => client.write('GET / HTTP/1.1\r\nHost: localhost\r\n\r\n'));
  client.on('data', () => {});
  await once(client, 'end');
  client.end();
  await once(client, 'close');
  server.close();
  await new Promise((resolve) => setTimeout(resolve, 500));
  dumpcap.kill('SIGINT');
  await once(dumpcap, 'exit');
  copyFileSync(pcap, join(out, `${name}.pcapng`));
  writeFileSync(join(out, `${name}.keys`), lines.join(''));
  console.log(`${name}: ${readFileSync(pcap).length} bytes, ${lines.length} key log lines`);
}
