/** One SSE event frame: the `id:`, `event:` and `data:` fields it carried. */
export interface SseFrame {
  id?: string;
  event?: string;
  data?: string;
}

export interface SseClientOptions {
  /** Collect `:` comment lines (`: connected`, `: keep-alive`) into `comments`; default true. */
  comments?: boolean;
  /**
   * A field repeated in one frame (multi-line `data:`): `join` them with `\n` as the SSE spec
   * does (default), or keep the `last` one.
   */
  repeatedFields?: "join" | "last";
}

export interface SseStream {
  response: Response;
  /** Frames in arrival order; grows while the stream is open. */
  frames: SseFrame[];
  comments: string[];
  /** Aborts the request and waits until reading has stopped. */
  close(): Promise<void>;
}

/** Opens an SSE stream at `url` and collects its frames (and comments) until closed. */
export async function openSseStream(
  url: string,
  headers: Record<string, string> = {},
  options: SseClientOptions = {},
): Promise<SseStream> {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const stream: SseStream = {
    response,
    frames: [],
    comments: [],
    async close() {
      controller.abort();
      await reading;
    },
  };
  const reading = collect(response, stream, options);
  return stream;
}

async function collect(response: Response, into: SseStream, options: SseClientOptions): Promise<void> {
  if (!response.body) return;
  const decoder = new TextDecoder();
  let buffer = "";
  try {
    for await (const chunk of response.body) {
      buffer += decoder.decode(chunk as Uint8Array, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const frame = parseFrame(buffer.slice(0, end), into.comments, options);
        buffer = buffer.slice(end + 2);
        if (Object.keys(frame).length > 0) into.frames.push(frame);
        end = buffer.indexOf("\n\n");
      }
    }
  } catch {
    // Aborted.
  }
}

function parseFrame(block: string, comments: string[], options: SseClientOptions): SseFrame {
  const frame: SseFrame = {};
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) {
      if (options.comments !== false) comments.push(line);
      continue;
    }
    const colon = line.indexOf(": ");
    const field = line.slice(0, colon) as keyof SseFrame;
    const value = line.slice(colon + 2);
    const previous = frame[field];
    frame[field] = previous === undefined || options.repeatedFields === "last" ? value : `${previous}\n${value}`;
  }
  return frame;
}
