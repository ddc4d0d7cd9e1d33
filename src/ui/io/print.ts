// Print report: the results laid out for A4 landscape by the print style sheet (global.css and
// PrintReport.svelte). Charts off screen are drawn first: they wait to be scrolled into view.
export const PRINT_EVENT = 'headroom:print';

export async function printReport(): Promise<void> {
  window.dispatchEvent(new Event(PRINT_EVENT));
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  window.print();
}
