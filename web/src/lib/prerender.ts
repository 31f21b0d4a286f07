import type { DehydratedState } from '@tanstack/react-query';

/**
 * The hand-over between a page the server pre-rendered (src/http/ssr.ts, web/src/entry-server.tsx)
 * and the app in the browser. Kept small and free of dependencies: it is part of the first download.
 */

/** What the server puts beside a pre-rendered page: its language and the API answers it used. */
export interface PrerenderedState {
  lang: 'vi' | 'en';
  /** TanStack Query's dehydrated cache (so that hydration renders the same page without refetching). */
  queries: DehydratedState;
}

export const PRERENDER_STATE_ID = 'motcua-state';

let cached: PrerenderedState | null | undefined;

export function prerenderedState(): PrerenderedState | null {
  if (cached !== undefined) return cached;
  const element = typeof document === 'undefined' ? null : document.getElementById(PRERENDER_STATE_ID);
  try {
    cached = element?.textContent ? (JSON.parse(element.textContent) as PrerenderedState) : null;
  } catch {
    cached = null;
  }
  return cached;
}

const WAKE_EVENTS = [
  'pointerdown',
  'pointerover',
  'touchstart',
  'keydown',
  'focusin',
  'scroll',
  'wheel',
  // A file chosen, a field filled by the browser or an assistive tool without a key press.
  'input',
  'change',
] as const;

/** Buttons pressed before the app is there, pressed again once it is (links and forms work without it). */
const pending: HTMLElement[] = [];

/** A form that says where it goes (the catalogue search) submits as it is; the others wait for the app. */
function worksWithoutApp(form: HTMLFormElement | null): boolean {
  return form?.hasAttribute('action') ?? false;
}

const heldForms: HTMLFormElement[] = [];

function holdSubmit(event: SubmitEvent): void {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || worksWithoutApp(form)) return;
  // Never let a login or a form of personal details go out as a GET with its fields in the URL.
  event.preventDefault();
  event.stopPropagation();
  if (!heldForms.includes(form)) heldForms.push(form);
}

function holdClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  if (!target) return;
  // A link or a form's submit button does its job without the app (the server renders the next page).
  if (target.closest('a[href]')) return;
  const button = target.closest<HTMLElement>(
    'button, [role="button"], input[type="checkbox"], input[type="radio"]',
  );
  if (!button) return;
  if (button instanceof HTMLButtonElement && button.type === 'submit' && worksWithoutApp(button.form)) return;
  event.preventDefault();
  event.stopPropagation();
  if (!pending.includes(button)) pending.push(button);
}

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
/** What was typed or chosen before the app was there: hydration resets fields to the app's state. */
const typed = new Map<Field, string>();

/** File inputs given files before the app was there: their change is announced again once it is. */
const chosenFiles = new Set<HTMLInputElement>();

function keepTyped(event: Event): void {
  const field = event.target;
  if (field instanceof HTMLInputElement && field.type === 'file') {
    if (field.files?.length) chosenFiles.add(field);
    return;
  }
  // Text fields and lists (a box's checked state is not its value; a file input cannot be set).
  const textLike = field instanceof HTMLInputElement && !['checkbox', 'radio', 'file'].includes(field.type);
  if (textLike || field instanceof HTMLTextAreaElement || field instanceof HTMLSelectElement) {
    typed.set(field, field.value);
  }
}

/**
 * Puts a kept value back the way typing arrives, so that the app's onChange sees it, whether
 * hydration reset the field or left the text in it with the app's state still empty.
 */
function retype(field: Field, value: string): void {
  if (!field.isConnected) return;
  // React watches the element's own value setter to tell its writes from the user's: clear the field
  // through it (React now believes it empty), then write through the prototype's, as typing does.
  field.value = '';
  const prototype = Object.getPrototypeOf(field) as object;
  Object.getOwnPropertyDescriptor(prototype, 'value')?.set?.call(field, value);
  field.dispatchEvent(new Event(field instanceof HTMLSelectElement ? 'change' : 'input', { bubbles: true }));
}

/**
 * Runs `start` on the visitor's first interaction. Clicks on buttons from then until the page is
 * hydrated (`markHydrated`) are held, and replayed then.
 */
export function whenTouched(start: () => Promise<unknown>): void {
  let started = false;
  const wake = () => {
    if (started) return;
    started = true;
    for (const type of WAKE_EVENTS) window.removeEventListener(type, wake, true);
    void start();
  };
  document.addEventListener('click', holdClick, true);
  document.addEventListener('submit', holdSubmit, true);
  document.addEventListener('input', keepTyped, true);
  document.addEventListener('change', keepTyped, true);
  for (const type of WAKE_EVENTS) window.addEventListener(type, wake, { capture: true, passive: true });
}

const afterHydration: Array<() => void> = [];
let hydrated = false;

/** Runs `task` once the pre-rendered page is hydrated, before the held presses are replayed. */
export function onHydrated(task: () => void): void {
  if (hydrated) task();
  else afterHydration.push(task);
}

/**
 * Called when the page's content is live (its Suspense boundary's effects ran, web/src/components/Shell.tsx):
 * stops holding clicks, presses the held buttons, runs what waited for it. Idempotent.
 */
export function markHydrated(): void {
  if (hydrated || typeof document === 'undefined') return;
  hydrated = true;
  document.removeEventListener('click', holdClick, true);
  document.removeEventListener('submit', holdSubmit, true);
  document.removeEventListener('input', keepTyped, true);
  document.removeEventListener('change', keepTyped, true);
  for (const [field, value] of typed) retype(field, value);
  typed.clear();
  for (const input of chosenFiles) {
    if (input.isConnected && input.files?.length) input.dispatchEvent(new Event('change', { bubbles: true }));
  }
  chosenFiles.clear();
  // Presses in a task of their own: by then the app has applied what was retyped (React commits an
  // input's update at the end of its event's task), so a form sends the text the visitor typed.
  // What waited for hydration goes first, the visitor's own presses last (they win).
  window.setTimeout(() => {
    for (const task of afterHydration.splice(0)) task();
    for (const button of pending.splice(0)) if (button.isConnected) button.click();
    for (const form of heldForms.splice(0)) if (form.isConnected) form.requestSubmit();
  }, 0);
}
