/**
 * A tiny static file server for the browser tests: node:http on 127.0.0.1 and a port the system picks, serving
 * one directory (the production build of the pane) with correct MIME types, no directory listing, nothing
 * outside the root, an ETag (and a 304 for a request that has it) as every real web server sends, and a
 * record of every request so that a test can tell what the page asked for, and what was downloaded twice.
 */
import { createHash } from 'crypto';
import * as fs from 'fs';
import * as http from 'http';
import type { AddressInfo } from 'net';
import * as path from 'path';

export const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.svg': 'image/svg+xml',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** The MIME type of a file name; application/octet-stream for anything unknown. */
export function mimeOf(file: string): string {
  return MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface ServedRequest {
  method: string;
  /** the request path with its query, as received */
  url: string;
  status: number;
}

export interface StaticServer {
  /** http://127.0.0.1:<port> */
  origin: string;
  /** every request received, in order */
  requests: ServedRequest[];
  close(): Promise<void>;
}

/**
 * The file a URL path names below root, or null when it names nothing servable: outside root, a directory,
 * a dot file, or a path that does not decode.
 */
export function resolveFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const rel = decoded.replace(/^\/+/, '');
  if (rel === '' || rel.endsWith('/')) return null; // no index pages, no listings
  if (rel.split('/').some((part) => part.startsWith('.'))) return null;
  const base = path.resolve(root);
  const full = path.resolve(base, rel);
  if (full !== base && !full.startsWith(base + path.sep)) return null;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(full);
  } catch {
    return null;
  }
  return stat.isFile() ? full : null;
}

export function serveDirectory(root: string): Promise<StaticServer> {
  const requests: ServedRequest[] = [];
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    const done = (status: number) => requests.push({ method, url, status });
    if (method !== 'GET' && method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('method not allowed');
      done(405);
      return;
    }
    const pathname = url.split(/[?#]/)[0];
    const file = resolveFile(root, pathname);
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('not found');
      done(404);
      return;
    }
    const body = fs.readFileSync(file);
    const etag = `"${createHash('sha1').update(body).digest('hex')}"`;
    const common = { ETag: etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
    if (req.headers['if-none-match'] === etag) {
      res.writeHead(304, common);
      res.end();
      done(304);
      return;
    }
    res.writeHead(200, { ...common, 'Content-Type': mimeOf(file), 'Content-Length': body.length });
    res.end(method === 'HEAD' ? undefined : body);
    done(200);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        origin: `http://127.0.0.1:${port}`,
        requests,
        close: () =>
          new Promise<void>((done, fail) => {
            server.closeAllConnections();
            server.close((e) => (e ? fail(e) : done()));
          }),
      });
    });
  });
}
