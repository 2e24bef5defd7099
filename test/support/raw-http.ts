import * as net from "node:net";

/** What came back for one raw request: the status code (0 when the connection closed without one) and the text. */
export interface RawResponse {
  readonly status: number;
  readonly text: string;
  readonly body: string;
}

/**
 * Sends `request` (request line and headers, as bytes a client could send) to 127.0.0.1:`port` and reads until the
 * server closes the connection. `Connection: close` is added when the request has no blank line yet. Rejects
 * when the connection is refused: that is how a test sees a server that stopped serving.
 */
export function rawRequest(port: number, request: string): Promise<RawResponse> {
  const text = request.includes("\r\n\r\n") ? request : `${request}Connection: close\r\n\r\n`;
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks: Buffer[] = [];
    socket.setTimeout(20_000, () => socket.destroy(new Error("no answer")));
    socket.on("connect", () => socket.write(text));
    socket.on("data", (c: Buffer) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const all = Buffer.concat(chunks).toString("utf8");
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(all);
      const split = all.indexOf("\r\n\r\n");
      resolve({ status: m ? Number(m[1]) : 0, text: all, body: split < 0 ? "" : all.slice(split + 4) });
    });
  });
}
