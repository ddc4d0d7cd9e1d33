// Files opened with the installed app from the desktop ("Open with Headroom"), where the browser
// supports file handling (the manifest's file_handlers). They arrive through window.launchQueue.
interface LaunchParams {
  files?: readonly { kind: string; getFile?: () => Promise<File> }[];
}
interface LaunchQueue {
  setConsumer(consumer: (params: LaunchParams) => void): void;
}

/** Hands each launched file to `open`, one after another. Returns false where unsupported. */
export function onLaunchFiles(open: (file: File) => Promise<void>): boolean {
  const queue = (window as { launchQueue?: LaunchQueue }).launchQueue;
  if (!queue) return false;
  queue.setConsumer((params) => {
    void (async () => {
      for (const handle of params.files ?? []) {
        if (handle.kind === 'file' && handle.getFile) await open(await handle.getFile());
      }
    })();
  });
  return true;
}
