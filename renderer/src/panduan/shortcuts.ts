/**
 * Keyboard shortcuts for the frequent actions, the same on every screen (listed in the guide, Panduan):
 * a page marks its own buttons with `data-shortcut="save" | "print"` and its search box with
 * `data-shortcut="search"`; without a marked one, the visible form's submit button, a visible "Cetak…" button
 * and the first visible search box are used.
 */
export interface Shortcut {
  id: 'newHandover' | 'search' | 'print' | 'save' | 'help';
  keys: string;
  label: string;
}

export const shortcuts: readonly Shortcut[] = [
  { id: 'newHandover', keys: 'Alt+N', label: 'Serah terima baru' },
  { id: 'search', keys: 'Ctrl+F', label: 'Cari (kotak pencarian di halaman ini, atau Registri)' },
  { id: 'print', keys: 'Ctrl+P', label: 'Cetak dokumen di halaman ini (BAST, daftar hadir, …)' },
  { id: 'save', keys: 'Ctrl+S', label: 'Simpan formulir yang sedang diisi' },
  { id: 'help', keys: 'F1', label: 'Buka panduan ini' },
];

export function shortcutOf(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>): Shortcut['id'] | null {
  const ctrl = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey && !ctrl && key === 'n') return 'newHandover';
  if (ctrl && !event.altKey && !event.shiftKey && key === 'f') return 'search';
  if (ctrl && !event.altKey && !event.shiftKey && key === 'p') return 'print';
  if (ctrl && !event.altKey && !event.shiftKey && key === 's') return 'save';
  if (event.key === 'F1') return 'help';
  return null;
}

const visible = (el: Element | null): el is HTMLElement => !!el && (el as HTMLElement).offsetParent !== null && !(el as HTMLButtonElement).disabled;

function first(selector: string, filter: (el: HTMLElement) => boolean = () => true): HTMLElement | null {
  // A dialog on top takes the keys first.
  const scopes = [...document.querySelectorAll('[role="dialog"]'), document];
  for (const scope of scopes) {
    const found = [...scope.querySelectorAll(selector)].find((el): el is HTMLElement => visible(el) && filter(el as HTMLElement));
    if (found) return found;
  }
  return null;
}

/** Does what the shortcut names on the current screen; false when there is nothing to do here. */
export function runShortcut(id: Shortcut['id'], navigate: (to: string) => void): boolean {
  switch (id) {
    case 'newHandover':
      navigate('/bantuan/serah-terima/baru');
      return true;
    case 'help':
      navigate('/panduan');
      return true;
    case 'search': {
      const byLabel = [...document.querySelectorAll('label')].filter((l) => /^\s*cari/i.test(l.textContent ?? '') && l.htmlFor).map((l) => document.getElementById(l.htmlFor));
      const box = first('[data-shortcut="search"]') ?? first('input[type="search"], input[placeholder^="Cari" i]') ?? byLabel.find(visible) ?? null;
      if (box) {
        box.focus();
        return true;
      }
      navigate('/registri');
      return true;
    }
    case 'print': {
      const button = first('[data-shortcut="print"]') ?? first('button', (el) => /^\s*cetak/i.test(el.textContent ?? ''));
      button?.click();
      return true;
    }
    case 'save': {
      const button = first('[data-shortcut="save"]') ?? first('form button[type="submit"]') ?? first('button', (el) => /^\s*simpan/i.test(el.textContent ?? ''));
      button?.click();
      return true;
    }
  }
}
