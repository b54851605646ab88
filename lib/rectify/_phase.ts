/**
 * Local grid phase on a lattice: at every lattice point the line-evidence
 * profile is demodulated at the grid period (a Hann-windowed complex
 * exponential); the phases are unwrapped from the most confident point
 * outwards, and points without a grid are filled from a smooth fit. The
 * result is the grid coordinate (in periods) at every lattice point, so it
 * follows perspective, lens bending and wrinkles alike.
 *
 * @module
 */
import { fitQuadratic, quadBasis } from "./_lsq.ts";

/** Lattice points at `(x0 + i·step, y0 + j·step)`, `i < nx`, `j < ny`. */
export interface Lattice {
  readonly nx: number;
  readonly ny: number;
  readonly x0: number;
  readonly y0: number;
  readonly step: number;
}

/** Grid coordinate samples on a lattice. */
export interface PhaseField {
  /** Grid coordinate in periods (lines at integers), filled everywhere. */
  readonly u: Float64Array;
  /** Demodulation strength |z| / dc, 0..1. */
  readonly conf: Float32Array;
  /** 1 where measured and consistent, 0 where filled. */
  readonly valid: Uint8Array;
}

/** Sum `map` over bands: for axis "x", rows within ±half of each lattice row; for "y", columns. */
function bandProfiles(
  map: Float32Array,
  width: number,
  height: number,
  lat: Lattice,
  axis: "x" | "y",
  half: number,
): Float64Array[] {
  const out: Float64Array[] = [];
  if (axis === "x") {
    for (let j = 0; j < lat.ny; j++) {
      const p = new Float64Array(width), c = lat.y0 + j * lat.step;
      for (let y = Math.max(0, c - half); y <= Math.min(height - 1, c + half); y++) {
        for (let x = 0, i = y * width; x < width; x++, i++) p[x]! += map[i]!;
      }
      out.push(p);
    }
    return out;
  }
  for (let i = 0; i < lat.nx; i++) out.push(new Float64Array(height));
  for (let y = 0; y < height; y++) {
    const row = y * width;
    for (let i = 0; i < lat.nx; i++) {
      const c = lat.x0 + i * lat.step;
      let s = 0;
      for (let x = Math.max(0, c - half); x <= Math.min(width - 1, c + half); x++) {
        s += map[row + x]!;
      }
      out[i]![y] = s;
    }
  }
  return out;
}

/** Measure the wrapped phase (cycles) and strength at every lattice point. */
function demodulate(
  profiles: Float64Array[],
  lat: Lattice,
  axis: "x" | "y",
  periodPx: number,
  halfWindow: number,
): { psi: Float64Array; conf: Float32Array } {
  const n = lat.nx * lat.ny;
  const psi = new Float64Array(n), conf = new Float32Array(n), dcs = new Float64Array(n);
  const len = profiles[0]?.length ?? 0;
  const w = 2 * Math.PI / periodPx;
  const cos = new Float64Array(len), sin = new Float64Array(len);
  for (let t = 0; t < len; t++) cos[t] = Math.cos(w * t), sin[t] = Math.sin(w * t);
  const hw = Math.ceil(halfWindow);
  const win = new Float64Array(2 * hw + 1);
  for (let k = -hw; k <= hw; k++) win[k + hw] = 0.5 + 0.5 * Math.cos((Math.PI * k) / (hw + 1));
  for (let j = 0; j < lat.ny; j++) {
    for (let i = 0; i < lat.nx; i++) {
      const p = profiles[axis === "x" ? j : i]!;
      const c = axis === "x" ? lat.x0 + i * lat.step : lat.y0 + j * lat.step;
      let re = 0, im = 0, dc = 0;
      for (let k = -hw; k <= hw; k++) {
        const t = c + k;
        if (t < 0 || t >= len) continue;
        const v = p[t]! * win[k + hw]!;
        re += v * cos[t]!, im -= v * sin[t]!, dc += v;
      }
      const idx = j * lat.nx + i;
      psi[idx] = Math.atan2(im, re) / (2 * Math.PI);
      conf[idx] = Math.hypot(re, im);
      dcs[idx] = dc;
    }
  }
  // Strength relative to the local evidence, with a floor from the typical
  // evidence so that a faint speck on blank paper does not look like a grid.
  const sorted = Array.from(dcs).filter((v) => v > 0).sort((a, b) => a - b);
  const floor = 0.25 * (sorted[Math.floor(sorted.length * 0.75)] ?? 0) + 1e-9;
  for (let k = 0; k < n; k++) conf[k] = conf[k]! / Math.max(dcs[k]!, floor);
  return { psi, conf };
}

/** Quality-guided unwrapping from the most confident valid point; unreached points become invalid. */
function unwrap(psi: Float64Array, conf: Float32Array, valid: Uint8Array, lat: Lattice): void {
  const n = psi.length;
  // Seed: the most confident point whose four neighbours are valid too.
  let seed = -1;
  for (let k = 0; k < n; k++) {
    const i = k % lat.nx;
    if (!valid[k] || i === 0 || i === lat.nx - 1 || k < lat.nx || k >= n - lat.nx) continue;
    if (!valid[k - 1] || !valid[k + 1] || !valid[k - lat.nx] || !valid[k + lat.nx]) continue;
    if (seed < 0 || conf[k]! > conf[seed]!) seed = k;
  }
  const done = new Uint8Array(n);
  if (seed < 0) return;
  // Binary max-heap of (conf, index, from) in typed arrays; each point is pushed ≤ 4 times.
  const key = new Float32Array(4 * n + 1), idx = new Int32Array(4 * n + 1);
  const src = new Int32Array(4 * n + 1);
  let size = 0;
  const swap = (a: number, b: number): void => {
    const k = key[a]!, i = idx[a]!, f = src[a]!;
    key[a] = key[b]!, idx[a] = idx[b]!, src[a] = src[b]!;
    key[b] = k, idx[b] = i, src[b] = f;
  };
  const push = (c: number, m: number, from: number): void => {
    key[size] = c, idx[size] = m, src[size] = from;
    for (let q = size++; q > 0;) {
      const p = (q - 1) >> 1;
      if (key[p]! >= key[q]!) break;
      swap(p, q);
      q = p;
    }
  };
  const popTop = (): void => {
    swap(0, --size);
    for (let q = 0;;) {
      const l = 2 * q + 1, r = l + 1;
      let m = q;
      if (l < size && key[l]! > key[m]!) m = l;
      if (r < size && key[r]! > key[m]!) m = r;
      if (m === q) break;
      swap(m, q);
      q = m;
    }
  };
  const visit = (k: number): void => {
    const i = k % lat.nx, j = (k - i) / lat.nx;
    if (i + 1 < lat.nx && !done[k + 1] && valid[k + 1]) push(conf[k + 1]!, k + 1, k);
    if (i > 0 && !done[k - 1] && valid[k - 1]) push(conf[k - 1]!, k - 1, k);
    if (j + 1 < lat.ny && !done[k + lat.nx] && valid[k + lat.nx]) {
      push(conf[k + lat.nx]!, k + lat.nx, k);
    }
    if (j > 0 && !done[k - lat.nx] && valid[k - lat.nx]) push(conf[k - lat.nx]!, k - lat.nx, k);
  };
  done[seed] = 1;
  visit(seed);
  while (size > 0) {
    const k = idx[0]!, from = src[0]!;
    popTop();
    if (done[k]) continue;
    psi[k] = psi[k]! + Math.round(psi[from]! - psi[k]!);
    done[k] = 1;
    visit(k);
  }
  for (let k = 0; k < n; k++) if (!done[k]) valid[k] = 0;
}

/**
 * The grid coordinate field of one line family. `axis` "x" measures the
 * vertical lines (coordinate grows with x), "y" the horizontal ones.
 */
export function phaseField(
  map: Float32Array,
  width: number,
  height: number,
  lat: Lattice,
  axis: "x" | "y",
  periodPx: number,
  halfBand: number,
  halfWindow: number,
  minConf: number,
): PhaseField {
  const profiles = bandProfiles(map, width, height, lat, axis, Math.round(halfBand));
  const { psi, conf } = demodulate(profiles, lat, axis, periodPx, halfWindow);
  const n = psi.length;
  const valid = new Uint8Array(n);
  for (let k = 0; k < n; k++) valid[k] = conf[k]! >= minConf ? 1 : 0;
  unwrap(psi, conf, valid, lat);
  const u = new Float64Array(n);
  for (let j = 0; j < lat.ny; j++) {
    for (let i = 0; i < lat.nx; i++) {
      const k = j * lat.nx + i;
      const pos = axis === "x" ? lat.x0 + i * lat.step : lat.y0 + j * lat.step;
      u[k] = pos / periodPx + psi[k]!;
    }
  }
  fillInvalid(u, valid, lat);
  return { u, conf, valid };
}

/**
 * Reject points that disagree with their neighbours (an unwrapping slip),
 * then fill invalid points with a quadratic fit plus diffused residuals.
 * Smooth departures from the fit (bent paper) are kept.
 */
function fillInvalid(u: Float64Array, valid: Uint8Array, lat: Lattice): void {
  const f = new Float64Array(6), n = u.length;
  const c = fitQuadratic(u, valid, lat);
  if (!c) return;
  const model = new Float64Array(n);
  for (let j = 0; j < lat.ny; j++) {
    for (let i = 0; i < lat.nx; i++) {
      quadBasis(i / lat.nx, j / lat.ny, f);
      let s = 0;
      for (let r = 0; r < 6; r++) s += c[r]! * f[r]!;
      model[j * lat.nx + i] = s;
    }
  }
  const res = new Float64Array(n);
  for (let k = 0; k < n; k++) res[k] = u[k]! - model[k]!;
  const near = new Float64Array(24);
  const reject = new Uint8Array(n);
  for (let j = 0; j < lat.ny; j++) {
    for (let i = 0; i < lat.nx; i++) {
      const k = j * lat.nx + i;
      if (!valid[k]) continue;
      let count = 0;
      for (let b = Math.max(0, j - 2); b <= Math.min(lat.ny - 1, j + 2); b++) {
        for (let a = Math.max(0, i - 2); a <= Math.min(lat.nx - 1, i + 2); a++) {
          const m = b * lat.nx + a;
          if (m === k || !valid[m]) continue;
          // Insertion into the sorted prefix.
          let p = count++;
          const v = res[m]!;
          while (p > 0 && near[p - 1]! > v) near[p] = near[p - 1]!, p--;
          near[p] = v;
        }
      }
      if (count < 4) continue;
      if (Math.abs(res[k]! - near[count >> 1]!) > 0.35) reject[k] = 1;
    }
  }
  for (let k = 0; k < n; k++) if (reject[k]) valid[k] = 0;
  for (let k = 0; k < n; k++) if (!valid[k]) res[k] = 0;
  for (let it = 0; it < 60; it++) {
    for (let j = 0; j < lat.ny; j++) {
      for (let i = 0; i < lat.nx; i++) {
        const k = j * lat.nx + i;
        if (valid[k]) continue;
        let s = 0, m = 0;
        if (i > 0) s += res[k - 1]!, m++;
        if (i + 1 < lat.nx) s += res[k + 1]!, m++;
        if (j > 0) s += res[k - lat.nx]!, m++;
        if (j + 1 < lat.ny) s += res[k + lat.nx]!, m++;
        res[k] = (0.98 * s) / m;
      }
    }
  }
  for (let k = 0; k < n; k++) if (!valid[k]) u[k] = model[k]! + res[k]!;
}
