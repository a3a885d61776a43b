import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SimBoard, type SerialPeer, type SimBoardOptions } from "../src/board";
import { buildTestFirmware, installFirmware, type TestFirmwareOptions } from "../src/firmware";

/** A board with firmware installed and a peer that records what the board prints. */
export function boardWith(
  fw: Omit<TestFirmwareOptions, "dir"> | undefined,
  options: Partial<SimBoardOptions> = {},
) {
  const board = new SimBoard({ id: "hut-01", poweredOn: false, ...options });
  if (fw)
    installFirmware(
      board.flash,
      buildTestFirmware({ dir: mkdtempSync(join(tmpdir(), "fw-")), ...fw }).images,
    );
  let text = "";
  const peer: SerialPeer & { text: () => string; clear: () => void } = {
    hostBaud: undefined,
    receive: (b) => {
      text += b.toString("latin1");
    },
    text: () => text,
    clear: () => {
      text = "";
    },
  };
  board.attach(peer);
  /** Wait (generously) until the console output matches. */
  const waitFor = async (re: RegExp, timeoutMs = 20_000): Promise<string> => {
    const until = Date.now() + timeoutMs;
    while (!re.test(text)) {
      if (Date.now() > until)
        throw new Error(
          `timed out waiting for ${re}; board ${JSON.stringify(board.status())}; console was:\n${text.slice(-3000)}`,
        );
      await new Promise((r) => setTimeout(r, 10));
    }
    return text;
  };
  const send = (s: string | Buffer) =>
    board.hostWrite(typeof s === "string" ? Buffer.from(s) : s, peer);
  return { board, peer, waitFor, send };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
