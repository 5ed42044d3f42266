/** A route: a path pattern like /groups/:id and what to render for it. */
export interface Route {
  pattern: string;
  render: (params: Record<string, string>, query: URLSearchParams) => Promise<void> | void;
}

/** Matches a path against a pattern; returns the named parameters or null. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const have = path.split('/').filter(Boolean);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(':')) params[want[i].slice(1)] = decodeURIComponent(have[i]);
    else if (want[i] !== have[i]) return null;
  }
  return params;
}

export class Router {
  /** The address last rendered: where the back button returns to when the person chooses to stay. */
  private shown = location.pathname + location.search;

  /**
   * @param mayLeave asked before a link or the back button leaves the page (unsaved edits); the
   * router's own go() does not ask, as it follows the application's decisions.
   */
  constructor(private readonly routes: Route[], private readonly notFound: () => void, private readonly mayLeave: () => Promise<boolean> = async () => true) {
    window.addEventListener('popstate', () => void (async () => {
      if (await this.mayLeave()) {
        await this.render();
      } else {
        history.pushState(null, '', this.shown);
      }
    })());
    document.addEventListener('click', (event) => {
      const link = (event.target as Element | null)?.closest?.('a');
      if (!link || link.target || link.origin !== location.origin || event.defaultPrevented) return;
      if (event instanceof MouseEvent && (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey)) return;
      if (link.hasAttribute('download') || link.getAttribute('href')?.startsWith('#')) return;
      event.preventDefault();
      const target = link.pathname + link.search;
      void this.mayLeave().then((leave) => { if (leave) this.go(target); });
    });
  }

  go(url: string, replace = false): void {
    if (replace) history.replaceState(null, '', url);
    else history.pushState(null, '', url);
    void this.render();
  }

  async render(): Promise<void> {
    this.shown = location.pathname + location.search;
    for (const route of this.routes) {
      const params = match(route.pattern, location.pathname);
      if (params) {
        await route.render(params, new URLSearchParams(location.search));
        return;
      }
    }
    this.notFound();
  }
}
