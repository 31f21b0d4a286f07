/**
 * Catalog search over an in-memory list of entries (pure). Diacritic- and case-insensitive: both
 * sides are folded to ASCII. Every query word must appear; when no procedure matches, words that
 * appear nowhere in the catalogue are corrected to the closest catalogue word (fewest edits),
 * so "khei sinh" still finds "khai sinh".
 * Ranking: exact code > exact name > name prefix > name contains the phrase > words in the name;
 * ties go to the shorter name, then alphabetical order.
 */
import { foldVietnamese } from '../text.ts';

export interface SearchEntry<T> {
  code: string;
  name: string;
  /** foldVietnamese(name) */
  foldedName: string;
  /** folded code + name + field + result: what words are matched against */
  foldedText: string;
  status: 'active' | 'retired';
  fieldCode: string;
  levels: readonly string[];
  unitCodes: readonly string[];
  item: T;
}

export interface SearchFilter {
  q?: string | undefined;
  field?: string | undefined;
  unit?: string | undefined;
  level?: string | undefined;
  status?: 'active' | 'retired' | 'all';
  page: number;
  pageSize: number;
}

export interface SearchResult<T> {
  items: T[];
  total: number;
  /** The words actually searched for after spelling correction (for "did you mean"). */
  correctedQuery: string | null;
}

export function trigrams(word: string): Set<string> {
  const padded = `  ${word} `;
  const out = new Set<string>();
  for (let i = 0; i + 3 <= padded.length; i++) out.add(padded.slice(i, i + 3));
  return out;
}

export function trigramSimilarity(a: string, b: string): number {
  const ta = trigrams(a);
  const tb = trigrams(b);
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared++;
  return shared / (ta.size + tb.size - shared);
}

/** Optimal-string-alignment distance (Levenshtein with transpositions), stopping early past `limit`. */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => {
    const row = new Array<number>(cols).fill(0);
    row[0] = i;
    return row;
  });
  for (let j = 0; j < cols; j++) d[0]![j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Number.POSITIVE_INFINITY;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
      rowMin = Math.min(rowMin, v);
    }
    if (rowMin > limit) return rowMin;
  }
  return d[rows - 1]![cols - 1]!;
}

export class CatalogSearch<T> {
  private readonly vocabulary: string[];
  private readonly vocabularySet: Set<string>;

  constructor(private readonly entries: readonly SearchEntry<T>[]) {
    // Only words are corrected, never codes or numbers.
    this.vocabularySet = new Set(
      entries.flatMap((e) => e.foldedText.split(' ')).filter((w) => /^[a-z]{2,}$/.test(w)),
    );
    this.vocabulary = [...this.vocabularySet];
  }

  search(filter: SearchFilter): SearchResult<T> {
    const candidates = this.entries.filter(
      (e) =>
        (filter.status === 'all' || e.status === (filter.status ?? 'active')) &&
        (!filter.field || e.fieldCode === filter.field) &&
        (!filter.level || e.levels.includes(filter.level)) &&
        (!filter.unit || e.unitCodes.includes(filter.unit)),
    );
    const rawQuery = (filter.q ?? '').trim();
    const folded = foldVietnamese(rawQuery);
    let words = folded
      .split(' ')
      .filter((w) => w.length > 0)
      .slice(0, 12);
    let correctedQuery: string | null = null;
    let matched = words.length
      ? candidates.filter((e) => words.every((w) => e.foldedText.includes(w)))
      : candidates;
    if (matched.length === 0 && words.length > 0) {
      const corrected = words.map((w) => this.correct(w));
      if (corrected.join(' ') !== words.join(' ')) {
        words = corrected;
        correctedQuery = corrected.join(' ');
        matched = candidates.filter((e) => words.every((w) => e.foldedText.includes(w)));
      }
    }
    const phrase = words.join(' ');
    const scored = matched.map((e) => ({
      e,
      score: words.length ? this.score(e, rawQuery, phrase, words) : 0,
    }));
    scored.sort(
      (a, b) =>
        b.score - a.score ||
        a.e.name.length - b.e.name.length ||
        a.e.name.localeCompare(b.e.name, 'vi') ||
        a.e.code.localeCompare(b.e.code),
    );
    const start = (filter.page - 1) * filter.pageSize;
    return {
      items: scored.slice(start, start + filter.pageSize).map((s) => s.e.item),
      total: scored.length,
      correctedQuery,
    };
  }

  private score(e: SearchEntry<T>, rawQuery: string, phrase: string, words: string[]): number {
    let score = 0;
    if (e.code === rawQuery) score += 1000;
    if (e.foldedName === phrase) score += 500;
    else if (e.foldedName.startsWith(phrase)) score += 200;
    else if (e.foldedName.includes(phrase)) score += 100;
    for (const w of words) if (e.foldedName.includes(w)) score += 10;
    return score;
  }

  /** The catalogue word closest to `word` (fewest edits), or the word itself when it occurs or nothing is close. */
  private correct(word: string): string {
    if (this.vocabularySet.has(word) || word.length < 3 || !/^[a-z]+$/.test(word)) return word;
    if (this.vocabulary.some((v) => v.includes(word))) return word;
    const allowed = word.length <= 5 ? 1 : 2;
    let best = word;
    let bestDistance = allowed + 1;
    let bestSimilarity = 0;
    for (const v of this.vocabulary) {
      if (Math.abs(v.length - word.length) > allowed) continue;
      const d = editDistance(word, v, allowed);
      const sim = d < bestDistance || d === bestDistance ? trigramSimilarity(word, v) : 0;
      if (d < bestDistance || (d === bestDistance && sim > bestSimilarity)) {
        bestDistance = d;
        bestSimilarity = sim;
        best = v;
      }
    }
    return bestDistance <= allowed ? best : word;
  }
}
