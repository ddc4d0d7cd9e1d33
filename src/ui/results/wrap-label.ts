// Long category labels on a horizontal bar chart (a tornado's assumptions, PCN names): wrapped onto
// at most a few lines at word breaks, the last cut with an ellipsis, so the axis never grows past
// its share of the chart and Chart.js never clips the start of a label. The full text stays in the
// tooltip and the table.

/** `text` in lines of at most `width` characters, at most `lines` of them; cut with "…" if longer. */
export function wrapLabel(text: string, width: number, lines = 2): string[] {
  const w = Math.max(4, Math.floor(width));
  const words = text.split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (let i = 0; i < words.length; i++) {
    let word = words[i];
    // a word longer than a line is broken inside it
    while (word.length > w) {
      if (line) {
        out.push(line);
        line = '';
      } else {
        out.push(word.slice(0, w));
        word = word.slice(w);
      }
      if (out.length === lines) return cut(out, text);
    }
    const next = line ? `${line} ${word}` : word;
    if (next.length <= w) line = next;
    else {
      out.push(line);
      line = word;
      if (out.length === lines) return cut(out, text);
    }
  }
  if (line) out.push(line);
  return out.length > lines ? cut(out.slice(0, lines), text) : out;
}

function cut(out: string[], text: string): string[] {
  if (out.join(' ') === text) return out;
  const last = out[out.length - 1];
  out[out.length - 1] = `${last.replace(/\s*[·,(-]?\s*$/, '').slice(0, Math.max(1, last.length - 1))}…`;
  return out;
}

/** Characters that fit in a share of a chart's width at a font size (system sans: about 0.55 em a character). */
export function charsThatFit(chartWidth: number, share: number, fontPx: number): number {
  return Math.floor((chartWidth * share) / (fontPx * 0.55));
}
