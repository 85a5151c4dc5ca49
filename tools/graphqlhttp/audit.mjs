// Runs the GraphQL over HTTP specification's audits (graphql-http's serverAudits) against a
// running server and prints one line per audit, then a summary. Every request carries the
// application token, since the server answers nothing else.
//
//   OVGRAPH_TOKEN=<touchpoint token> node audit.mjs http://127.0.0.1:8080/graphql
//
// Exits 0 only when every audit passes: a warning or a notice counts as a failure.
import { serverAudits } from 'graphql-http';

const url = process.argv[2];
const token = process.env.OVGRAPH_TOKEN;
if (!url || !token) {
  console.error('usage: OVGRAPH_TOKEN=<touchpoint token> node audit.mjs <graphql url>');
  process.exit(2);
}

// fetchWithToken adds the application token to every request the audits make.
function fetchWithToken(input, init = {}) {
  const headers = new Headers(init.headers);
  headers.set('authorization', `Bearer ${token}`);
  return fetch(input, { ...init, headers });
}

const counts = { ok: 0, notice: 0, warn: 0, error: 0 };
for (const audit of serverAudits({ url, fetchFn: fetchWithToken })) {
  const result = await audit.fn();
  counts[result.status]++;
  if (result.status === 'ok') {
    console.log(`ok     ${result.id} ${result.name}`);
    continue;
  }
  let body = '';
  try {
    body = (await result.response.text()).slice(0, 300);
  } catch {
    // the audit read the body already
  }
  console.log(`${result.status.padEnd(6)} ${result.id} ${result.name}: ${result.reason}` +
    ` (status ${result.response.status}${body ? `, body ${body}` : ''})`);
}
console.log(`audits: ${counts.ok} passed, ${counts.warn} warned, ${counts.notice} noticed, ${counts.error} failed`);
process.exit(counts.ok === Object.values(counts).reduce((a, b) => a + b) ? 0 : 1);
