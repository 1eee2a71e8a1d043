import type { Readable } from "node:stream";

/** Read all of stdin as text (for --api-key-stdin, --input -). */
export async function readAll(stream: Readable, maxBytes = Number.POSITIVE_INFINITY): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    chunks.push(buffer);
    size += buffer.length;
    // Past the limit the caller refuses the input anyway: stop reading (an endless stream ends here).
    if (size >= maxBytes) break;
  }
  return Buffer.concat(chunks).toString("utf8");
}
