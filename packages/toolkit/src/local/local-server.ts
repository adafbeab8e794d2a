import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** Thrown when a port is taken: the one start-up failure the user fixes with a flag. */
export class PortInUseError extends Error {}

export type Handler = (request: IncomingMessage, response: ServerResponse, body: string) => Promise<void> | void;
export type RawHandler = (request: IncomingMessage, response: ServerResponse) => Promise<void> | void;

/** What a server refuses without reading it. */
export interface RequestLimits {
  /** The request line and headers together, in bytes; more is answered 431. */
  readonly headerBytes: number;
  /** The body, in bytes; more is answered 413 before it is read. */
  readonly bodyBytes: number;
  /** The 413 answer. */
  readonly tooLarge: { readonly headers: Record<string, string>; readonly body: string };
}

const tenMegabytes = 10 * 1024 * 1024;

/**
 * API Gateway's REST API quotas: a payload of 10 MB and 10,240 bytes of request line and
 * headers. Its 413 (REQUEST_TOO_LARGE) is the one gateway response an API cannot customize.
 */
export const apiGatewayLimits: RequestLimits = {
  headerBytes: 10_240,
  bodyBytes: tenMegabytes,
  tooLarge: { headers: { 'content-type': 'text; charset=utf-8' }, body: `HTTP content length exceeded ${tenMegabytes} bytes.` },
};

/** Any other local server (the site, the issuers): Node's own header limit, the same body limit. */
const defaultLimits: RequestLimits = {
  headerBytes: 16_384,
  bodyBytes: tenMegabytes,
  tooLarge: { headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'Request Entity Too Large' },
};

/**
 * An HTTP server on loopback whose handler is set once everything it serves exists. No
 * request can stop it: a header section or body over the limits is answered 431 or 413 (the
 * body is never buffered), a malformed request 400, and a handler that throws 500, with the
 * stack trace in the terminal; the server keeps serving either way.
 */
export async function listen(port: number, limits: RequestLimits = defaultLimits) {
  let handler: RawHandler = (_, response) => void response.writeHead(503).end();
  const run = (request: IncomingMessage, response: ServerResponse) => {
    // A client that goes away mid-request is not an error of ours.
    request.on('error', () => {});
    response.on('error', () => {});
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limits.bodyBytes) return refuseBody(request, response, limits);
    Promise.resolve()
      .then(() => handler(request, response))
      .catch((error: unknown) => failed(response, error));
  };
  const server: Server = createServer({ maxHeaderSize: limits.headerBytes }, run);
  // `Expect: 100-continue` (curl's way with large bodies): refuse one too large before it is sent.
  server.on('checkContinue', (request: IncomingMessage, response: ServerResponse) => {
    if (Number(request.headers['content-length'] ?? 0) <= limits.bodyBytes) response.writeContinue();
    run(request, response);
  });
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => reject(error.code === 'EADDRINUSE' ? new PortInUseError(`Port ${port} is in use`) : error));
    server.listen(port, '127.0.0.1', resolve);
  });
  return {
    origin: `http://localhost:${(server.address() as AddressInfo).port}`,
    server,
    /** Serves requests with their body read (up to the limit; a longer chunked body is answered 413). */
    serve: (serve: Handler) => {
      handler = (request, response) =>
        new Promise<void>((resolve, reject) => {
          const chunks: Buffer[] = [];
          let length = 0;
          request.on('data', (chunk: Buffer) => {
            length += chunk.length;
            if (length <= limits.bodyBytes) chunks.push(chunk);
            else if (!response.headersSent) refuseBody(request, response, limits);
          });
          request.on('end', () => {
            if (length > limits.bodyBytes) return resolve();
            Promise.resolve()
              .then(() => serve(request, response, Buffer.concat(chunks).toString('utf8')))
              .then(resolve, reject);
          });
        });
    },
    /** Serves requests as they come (a middleware stack that reads the body itself). */
    serveRaw: (serve: RawHandler) => {
      handler = serve;
    },
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** 413, then the rest of the body is read and dropped, so the client sees the answer rather than a reset connection. */
function refuseBody(request: IncomingMessage, response: ServerResponse, limits: RequestLimits) {
  const { headers, body } = limits.tooLarge;
  response.writeHead(413, { ...headers, 'content-length': Buffer.byteLength(body) }).end(body);
  request.resume();
}

/** A bug in the local stack, not in the app: it is reported, and this one request fails. */
function failed(response: ServerResponse, error: unknown) {
  console.error(`The local stack failed to answer a request: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (response.headersSent) return void response.destroy();
  response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ message: 'Internal server error' }));
}

/**
 * A request Node cannot parse: too many header bytes (431) or malformed (400). The answer is
 * written, and what the client still sends is read and dropped until it hangs up: closing on
 * unread data would reset the connection before the client reads the status.
 */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket) {
  if (!socket.writable) return void socket.destroy();
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
  socket.on('data', () => {});
  socket.resume();
  socket.end(`HTTP/1.1 ${status}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  setTimeout(() => socket.destroy(), 5_000).unref();
}
