import { describe, expect, it } from 'vitest';
import account from './account';
import apply from './apply';
import assist from './assist';
import community from './community';
import en from './en.json';
import files from './files';
import homeService from './home-service';
import payments from './payments';
import postal from './postal';
import queue from './queue';
import reports from './reports';
import security from './security';
import staff from './staff';
import vi from './vi.json';

type Tree = { [key: string]: unknown };

/** Every text's key, with i18next's plural endings folded ("a.b_one", "a.b_other" → "a.b"). */
function texts(tree: Tree, prefix = ''): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const [key, value] of Object.entries(tree)) {
    const path = `${prefix}${key}`;
    if (value && typeof value === 'object') {
      for (const [k, v] of texts(value as Tree, `${path}.`)) out.set(k, [...(out.get(k) ?? []), ...v]);
    } else {
      const base = path.replace(/_(zero|one|two|few|many|other)$/, '');
      out.set(base, [...(out.get(base) ?? []), String(value)]);
    }
  }
  return out;
}

/** The {{placeholders}} a text fills in (count aside: a language may leave the number unsaid). */
function placeholders(values: string[]): string[] {
  const names = new Set<string>();
  for (const value of values) for (const m of value.matchAll(/\{\{\s*(\w+)/g)) names.add(m[1] as string);
  names.delete('count');
  return [...names].sort();
}

const dictionaries: [string, Tree, Tree][] = [
  ['main', vi, en],
  ['account', account.vi, account.en],
  ['apply', apply.vi, apply.en],
  ['assist', assist.vi, assist.en],
  ['community', community.vi, community.en],
  ['files', files.vi, files.en],
  ['home-service', homeService.vi, homeService.en],
  ['payments', payments.vi, payments.en],
  ['postal', postal.vi, postal.en],
  ['queue', queue.vi, queue.en],
  ['reports', reports.vi, reports.en],
  ['security', security.vi, security.en],
  ['staff', staff.vi, staff.en],
];

describe('the Vietnamese and English texts', () => {
  it.each(dictionaries)('%s: the same keys in both languages', (_, viTree, enTree) => {
    expect([...texts(enTree).keys()].sort()).toEqual([...texts(viTree).keys()].sort());
  });

  it.each(dictionaries)('%s: the same placeholders in both languages', (_, viTree, enTree) => {
    const english = texts(enTree);
    const differ: string[] = [];
    for (const [key, values] of texts(viTree)) {
      const other = english.get(key);
      if (other && placeholders(values).join() !== placeholders(other).join()) differ.push(key);
    }
    expect(differ).toEqual([]);
  });

  it('gives each screen module its own top-level keys, clashing with no other', () => {
    const owners = new Map<string, string>();
    const clashes: string[] = [];
    for (const [name, viTree] of dictionaries) {
      for (const key of Object.keys(viTree)) {
        const owner = owners.get(key);
        if (owner) clashes.push(`${key}: ${owner} and ${name}`);
        owners.set(key, name);
      }
    }
    expect(clashes).toEqual([]);
  });
});
