// The same SendEmail request signed by the npm peers, one after the other:
// @smithy/signature-v4 (sha256 from @smithy/hash-node, then from
// @aws-crypto/sha256-js) and aws4. Prints each one's Authorization and
// signatures per second (best of 3).
//   NODE_PATH=tests/peers/node_modules node peers_sigv4.js BODY_FILE [COUNT]
'use strict';
const fs = require('fs');
const { SignatureV4 } = require('@smithy/signature-v4');
const { Hash } = require('@smithy/hash-node');
const { Sha256 } = require('@aws-crypto/sha256-js');
const aws4 = require('aws4');

const body = fs.readFileSync(process.argv[2], 'utf8');
const count = Number(process.argv[3] || 20000);
const host = 'email.us-east-1.amazonaws.com';
const path = '/v2/email/outbound-emails';
const date = new Date('2026-01-01T12:00:00Z');
const credentials = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY' };

async function measure(label, n, signOnce) {
  let best = 0;
  let authorization = '';
  for (let round = 0; round < 3; round++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < n; i++) authorization = await signOnce();
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    best = Math.max(best, n / seconds);
  }
  console.log(`${label}\t${n} signatures\t${best.toFixed(0)} signatures/s (best of 3)`);
  console.log(`  authorization\t${authorization}`);
}

function smithy(sha256) {
  // applyChecksum off: the same signed headers as mailwarden's default.
  const signer = new SignatureV4({ credentials, region: 'us-east-1', service: 'ses', sha256, applyChecksum: false });
  return async () => {
    const signed = await signer.sign({
      method: 'POST', protocol: 'https:', hostname: host, path, query: {},
      headers: { host, 'content-type': 'application/json' }, body,
    }, { signingDate: date });
    return signed.headers.authorization;
  };
}

async function main() {
  await measure('@smithy/signature-v4 + @smithy/hash-node', count, smithy(Hash.bind(null, 'sha256')));
  await measure('@smithy/signature-v4 + @aws-crypto/sha256-js', Math.max(1, Math.floor(count / 4)), smithy(Sha256));
  // aws4 takes the date from an X-Amz-Date header and signs Content-Length too.
  await measure('aws4', count, async () => {
    const opts = aws4.sign({
      host, path, method: 'POST', service: 'ses', region: 'us-east-1', body,
      headers: { 'Content-Type': 'application/json', 'X-Amz-Date': '20260101T120000Z' },
    }, credentials);
    return opts.headers.Authorization;
  });
}

main().catch((e) => { console.error(e); process.exit(1); });
