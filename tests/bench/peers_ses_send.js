// SendEmail requests per second through @aws-sdk/client-sesv2 against a local
// SES server, one at a time and with a window in flight, over keep-alive:
// the same message and the same measurement as bench_ses_send.
//   NODE_PATH=tests/peers/node_modules node peers_ses_send.js ENDPOINT [REQUESTS] [CONCURRENCY] [ROUNDS]
'use strict';
const http = require('http');
const { SESv2Client, SendEmailCommand } = require('@aws-sdk/client-sesv2');
const { NodeHttpHandler } = require('@smithy/node-http-handler');

const endpoint = process.argv[2];
const requests = Number(process.argv[3] || 2000);
const concurrency = Number(process.argv[4] || 8);
const rounds = Number(process.argv[5] || 3);
if (!endpoint) {
  console.error('usage: peers_ses_send.js ENDPOINT [REQUESTS] [CONCURRENCY] [ROUNDS]');
  process.exit(2);
}

const client = new SESv2Client({
  region: 'us-east-1',
  endpoint,
  credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' },
  maxAttempts: 3,
  requestHandler: new NodeHttpHandler({
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency }),
  }),
});

const input = {
  FromEmailAddress: 'news@iana.org',
  Destination: { ToAddresses: ['reader@iana.org'] },
  Content: { Simple: { Subject: { Data: 'Your weekly digest' }, Body: { Text: { Data: 'x'.repeat(800) } } } },
};

async function sendOne() {
  const out = await client.send(new SendEmailCommand(input));
  if (!out.MessageId) throw new Error('no MessageId');
}

async function sequential(n) {
  const start = process.hrtime.bigint();
  for (let i = 0; i < n; i++) await sendOne();
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

async function concurrent(n, window) {
  let started = 0;
  async function worker() {
    while (started < n) {
      started++;
      await sendOne();
    }
  }
  const start = process.hrtime.bigint();
  await Promise.all(Array.from({ length: window }, worker));
  return n / (Number(process.hrtime.bigint() - start) / 1e9);
}

(async () => {
  await sequential(200); // warm up: connections, JIT
  let bestSeq = 0;
  let bestConc = 0;
  for (let r = 0; r < rounds; r++) {
    bestSeq = Math.max(bestSeq, await sequential(requests));
    bestConc = Math.max(bestConc, await concurrent(requests, concurrency));
  }
  console.log(`@aws-sdk/client-sesv2\tsequential\t${requests} requests\t${bestSeq.toFixed(0)} requests/s (best of ${rounds})`);
  console.log(`@aws-sdk/client-sesv2\t${concurrency} in flight\t${requests} requests\t${bestConc.toFixed(0)} requests/s (best of ${rounds})`);
})().catch((e) => {
  console.error('SendEmail failed:', e);
  process.exit(1);
});
