// Draws the Teams app icons (a window, "langelis") with pngjs: color.png 192×192 on the accent colour and
// outline.png 32×32, white on transparent, as Teams requires. Run: node scripts/teams-icons.mjs
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PNG } from 'pngjs';

const folder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../manifests/teams');

function draw(size, paint) {
  const png = new PNG({ width: size, height: size });
  for (let y = 0; y < size; y += 1) {
    for (let x = 0; x < size; x += 1) {
      const [r, g, b, a] = paint(x / size, y / size);
      const i = (y * size + x) * 4;
      png.data[i] = r;
      png.data[i + 1] = g;
      png.data[i + 2] = b;
      png.data[i + 3] = a;
    }
  }
  return PNG.sync.write(png);
}

/** A window frame with a cross of mullions: true where the window's lines are. */
function windowLine(u, v, margin, stroke) {
  const inside = u >= margin && u <= 1 - margin && v >= margin && v <= 1 - margin;
  if (!inside) return false;
  const frame = u < margin + stroke || u > 1 - margin - stroke || v < margin + stroke || v > 1 - margin - stroke;
  const cross = Math.abs(u - 0.5) < stroke / 2 || Math.abs(v - 0.5) < stroke / 2;
  return frame || cross;
}

const accent = [0x2e, 0x7d, 0x32, 255];
const white = [255, 255, 255, 255];
writeFileSync(path.join(folder, 'color.png'), draw(192, (u, v) => (windowLine(u, v, 0.22, 0.07) ? white : accent)));
writeFileSync(path.join(folder, 'outline.png'), draw(32, (u, v) => (windowLine(u, v, 0.12, 0.1) ? white : [0, 0, 0, 0])));
