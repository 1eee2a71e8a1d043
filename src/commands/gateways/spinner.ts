import type { IOStreams } from "../../io/streams.js";

export interface Spinner {
  /** The text after the spinner; redrawn on the next frame. */
  update(text: string): void;
  /** Clear the line; nothing more is drawn. */
  stop(): void;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const FRAME_MS = 80;

/**
 * A one-line spinner on stderr, drawn only when stderr is a terminal; elsewhere it prints nothing, so a
 * piped or CI run gets no control characters. A dozen lines did not justify a dependency (ora pulls in
 * eight packages).
 */
export function createSpinner(io: IOStreams): Spinner {
  if (!io.isStderrTTY) return { update: () => undefined, stop: () => undefined };
  let text = "";
  let frame = 0;
  const draw = () => {
    const line = `${FRAMES[frame++ % FRAMES.length]} ${text}`;
    io.stderr.write(`\r\u001b[2K${line.slice(0, Math.max(10, io.columns - 1))}`);
  };
  const timer = setInterval(draw, FRAME_MS);
  timer.unref();
  return {
    update(next) {
      text = next;
      draw();
    },
    stop() {
      clearInterval(timer);
      io.stderr.write("\r\u001b[2K");
    },
  };
}
