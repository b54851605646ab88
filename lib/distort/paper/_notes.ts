/**
 * What clinicians scribble on ECG printouts: short findings, abbreviations,
 * values, initials and dates. Our own list.
 *
 * @module
 */
import type { Rng } from "../../random/rng.ts";

const PHRASES = [
  "sinus rhythm",
  "SR",
  "NSR",
  "AF?",
  "AF w/ RVR",
  "flutter?",
  "LBBB",
  "RBBB",
  "new LBBB?",
  "old MI",
  "inf MI?",
  "? STEMI",
  "LVH",
  "1st deg AVB",
  "ectopics",
  "paced",
  "WPW?",
  "SVT",
  "NAD",
  "no change",
  "cf. prev",
  "rpt ECG",
  "repeat in 1h",
  "ST elev V2-V3",
  "ST dep V5-6",
  "TWI III aVF",
  "poor R wave prog",
  "? ischaemia",
  "trop pending",
  "chest pain",
  "pre-op",
  "for cardio review",
  "d/w reg",
  "seen",
  "copy to notes",
  "L axis dev",
];

const TEMPLATES: readonly ((rng: Rng) => string)[] = [
  (rng) => `QTc ${rng.int(38, 52) * 10}`,
  (rng) => `HR ${rng.int(38, 150)}`,
  (rng) => `PR ${rng.int(12, 30) * 10}`,
  (rng) => `K+ ${(rng.int(28, 65) / 10).toFixed(1)}`,
  (rng) => `Brady ${rng.int(35, 55)}`,
  (rng) => `${rng.int(1, 28)}/${rng.int(1, 12)}/${rng.int(10, 25)}`,
  (rng) => `${String(rng.int(0, 23)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}`,
  (rng) => `seen ${initials(rng)}`,
  (rng) => `${initials(rng)} ${rng.int(1, 28)}/${rng.int(1, 12)}`,
  (rng) => `Dr ${initials(rng)}`,
  (rng) => `bed ${rng.int(1, 30)}`,
];

function initials(rng: Rng): string {
  const letters = "ABCDEFGHJKLMNPRSTW";
  const n = rng.chance(0.7) ? 2 : 3;
  let s = "";
  for (let i = 0; i < n; i++) s += letters[rng.int(0, letters.length - 1)];
  return s;
}

/** One note: a phrase from the list (70 %) or a value, date, time or initials. */
export function drawNoteText(rng: Rng): string {
  return rng.chance(0.7) ? rng.pick(PHRASES) : rng.pick(TEMPLATES)(rng);
}

/** Every word of the phrases (letters in it), each once. */
const WORDS = [
  ...new Set(PHRASES.flatMap((p) => p.split(/\s+/)).filter((w) => /[A-Za-z]/.test(w))),
];

/** `n` words drawn from the phrases' words, joined by spaces (ecg-image-kit's word count). */
export function drawNoteWords(rng: Rng, n: number): string {
  return Array.from({ length: n }, () => rng.pick(WORDS)).join(" ");
}
