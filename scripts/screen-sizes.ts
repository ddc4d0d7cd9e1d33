// The four screen sizes every view is checked at: a 1024 x 768 projector up to a 1920 x 1080 monitor.
export const SIZES = [
  [1024, 768],
  [1280, 720],
  [1440, 900],
  [1920, 1080],
] as const;
