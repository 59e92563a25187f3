// Office's theme decides light or dark; outside Office the browser's preference.

/** Whether a CSS hex colour is dark (relative luminance below one half). */
export function isDarkColor(hex: string | undefined): boolean {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex ?? "");
  if (!m) return false;
  const n = parseInt(m[1]!, 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map(
    (v) => v / 255,
  );
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.5;
}
