/**
 * An AbortSignal raised by SIGINT/SIGTERM (the runner cancelling the step, Ctrl-C at a
 * terminal), so the run ends as `cancelled` with its outputs written instead of dying mid-read.
 * `dispose()` removes the handlers, after which the signals act as usual again.
 */
export function interruptSignal(signals: readonly NodeJS.Signals[] = ["SIGINT", "SIGTERM"]): {
  signal: AbortSignal;
  dispose: () => void;
} {
  const controller = new AbortController();
  const handlers = signals.map((name) => {
    const h = () => controller.abort(new Error(`received ${name}`));
    process.once(name, h);
    return [name, h] as const;
  });
  return {
    signal: controller.signal,
    dispose: () => {
      for (const [name, h] of handlers) process.removeListener(name, h);
    },
  };
}
