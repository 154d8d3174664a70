/**
 * The baseline server: bare node:http answering every request with the same bytes the gateway
 * answered (BARE_BODY_FILE, BARE_STATUS, BARE_CONTENT_TYPE), after reading the request body as
 * the gateway must. Prints its URL; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';

const body = readFileSync(process.env.BARE_BODY_FILE!);
const status = Number(process.env.BARE_STATUS ?? 200);
const headers = { 'content-type': process.env.BARE_CONTENT_TYPE ?? 'application/json', 'content-length': String(body.length) };

const server = createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    response.writeHead(status, headers);
    response.end(body);
  });
});
server.listen(0, '127.0.0.1', () => {
  console.log(`bare server listening on http://127.0.0.1:${(server.address() as AddressInfo).port}`);
});
process.on('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
});
