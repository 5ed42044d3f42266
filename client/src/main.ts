import './styles.css';
import { api, ApiError } from './api/client';
import { signedOutEvent } from './collab/live';
import { renderAccount } from './auth/account';
import { renderForgotPassword, renderResetPassword } from './auth/passwordReset';
import { renderRequiredEnrolment } from './auth/secondFactor';
import { renderSetup } from './auth/setup';
import { renderSignIn } from './auth/signIn';
import { renderGroup } from './groups/page';
import { renderGroups } from './groups/list';
import { initLanguage, language, languages, setLanguage, t, type Language } from './i18n';
import { renderInvitation } from './invitations/landing';
import { Router } from './router';
import { searchBox } from './search/box';
import { onSessionChange, refreshSession, session } from './session';
import { clear, h } from './ui/dom';
import { keepTyped } from './ui/keepTyped';
import { leavePage, loading, mayLeave, showPage } from './ui/page';

initLanguage();

// A live connection refused because the sign-in ended (signed out everywhere, a password change elsewhere):
// back to sign-in, as a REST call answered 401 would do.
window.addEventListener(signedOutEvent, () => void refreshSession().then((now) => {
  if (!now.authenticated) router.go(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`, true);
}));

const go = (url: string) => router.go(url);
const enrolmentPath = '/account/two-step-verification';
type Render = (params: Record<string, string>, query: URLSearchParams) => Promise<void> | void;

/** Every screen: shows progress, turns failures into a readable page, sends a lost session to sign-in. */
const screen = (render: Render): Render => async (params, query) => {
  leavePage();
  loading();
  try {
    await render(params, query);
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      await refreshSession();
      router.go(`/sign-in?next=${encodeURIComponent(location.pathname)}`, true);
      return;
    }
    if (error instanceof ApiError && error.code === 'second-factor.enrolment-required') {
      await refreshSession();
      router.go(enrolmentPath, true);
      return;
    }
    if (error instanceof ApiError && error.status === 404) {
      // What the reader may not see does not exist for them: the same page as a wrong address.
      showPage(t('notFound.title'), h('p', {}, error.title || t('notFound.text')), h('p', {}, h('a', { href: '/' }, t('notFound.home'))));
      return;
    }
    if (!(error instanceof ApiError)) console.warn(error);
    const message = error instanceof ApiError
      ? (error.status === 0 ? t('error.network') : error.title || t('error.unexpected'))
      : t('error.unexpected');
    showPage(t('error.title'), h('p', { class: 'notice', role: 'alert' }, message), h('p', {}, h('a', { href: '/' }, t('notFound.home'))));
  }
};

/** Screens for signed-in people; before first-run setup everything leads to the setup page. */
const signedIn = (render: Render): Render => screen(async (params, query) => {
  if (session().setupRequired) {
    router.go('/setup', true);
  } else if (!session().authenticated) {
    router.go(`/sign-in?next=${encodeURIComponent(location.pathname + location.search)}`, true);
  } else if (session().secondFactorEnrolmentRequired && location.pathname !== enrolmentPath) {
    router.go(enrolmentPath, true); // the server requires a second factor first; nothing else answers until then
  } else {
    await render(params, query);
  }
});

const router: Router = new Router(
  [
    { pattern: '/', render: signedIn(() => renderGroups(go)) },
    { pattern: '/setup', render: screen((_, query): void | Promise<void> => (session().setupRequired ? renderSetup(query, go) : router.go('/', true))) },
    { pattern: '/sign-in', render: screen((_, query): void | Promise<void> => (session().setupRequired ? router.go('/setup', true) : session().authenticated ? router.go('/', true) : renderSignIn(query, go))) },
    { pattern: '/forgot-password', render: screen(() => renderForgotPassword()) },
    { pattern: '/reset-password/:token', render: screen((params) => renderResetPassword(params.token, go)) },
    { pattern: '/account', render: signedIn(() => renderAccount(go)) },
    { pattern: enrolmentPath, render: signedIn(() => (session().secondFactorEnrolmentRequired ? renderRequiredEnrolment(go) : router.go('/account', true))) },
    { pattern: '/groups/:id', render: signedIn((params) => renderGroup(params.id, go)) },
    { pattern: '/documents/:id', render: signedIn(async (params) => (await import('./documents/page')).renderDocument(params.id, go)) },
    { pattern: '/groups/:groupId/recommendations', render: signedIn(async (params, query) => (await import('./recommendations/board')).renderBoard(params.groupId, query, go)) },
    { pattern: '/groups/:groupId/recommendations/follow-up', render: signedIn(async (params) => (await import('./recommendations/grid')).renderGrid(params.groupId)) },
    { pattern: '/recommendations/:id', render: signedIn(async (params) => (await import('./recommendations/thread')).renderThread(params.id)) },
    { pattern: '/sessions/:id', render: signedIn(async (params) => (await import('./sessions/page')).renderSession(params.id)) },
    { pattern: '/library', render: signedIn(async (_, query) => (await import('./library/page')).renderLibrary(query, go)) },
    { pattern: '/library/new', render: signedIn(async () => (await import('./library/share')).renderLibraryShare(go)) },
    { pattern: '/library/:id', render: signedIn(async (params) => (await import('./library/entry')).renderLibraryEntry(params.id, go)) },
    { pattern: '/search', render: signedIn(async (_, query) => (await import('./search/page')).renderSearch(query, go)) },
    { pattern: '/admin/operations', render: signedIn(async () => (await import('./admin/operations')).renderOperations()) },
    { pattern: '/admin/organisations', render: signedIn(async () => (await import('./organisations/admin')).renderOrganisationsAdmin()) },
    { pattern: '/organisations/:id', render: signedIn(async (params) => (await import('./organisations/people')).renderOrganisationPeople(params.id)) },
    { pattern: '/directory', render: signedIn(async (_, query) => (await import('./directory/page')).renderDirectory(query, go)) },
    { pattern: '/directory/partners', render: signedIn(async (_, query) => (await import('./directory/page')).renderPartners(query, go)) },
    { pattern: '/directory/:id', render: signedIn(async (params) => (await import('./directory/page')).renderOrganisation(params.id)) },
    { pattern: '/invite/:token', render: screen((params) => renderInvitation(params.token, go)) },
    { pattern: '/confirm-email/:token', render: screen(async (params) => (await import('./auth/confirmEmail')).renderConfirmEmail(params.token)) },
    { pattern: '/convention', render: signedIn(async (_, query) => (await import('./convention/page')).renderConvention(query, go)) },
    { pattern: '/network', render: signedIn(async (_, query) => (await import('./network/page')).renderNetwork(query, go)) },
  ],
  () => showPage(t('notFound.title'), h('p', {}, t('notFound.text')), h('p', {}, h('a', { href: '/' }, t('notFound.home')))),
  mayLeave,
);

function renderHeader(): void {
  const header = document.getElementById('header')!;
  const user = session().user;
  const languagePicker = h('select', { id: 'language', 'aria-label': t('header.language') },
    ...languages.map((code) => h('option', { value: code, selected: code === language(), lang: code }, t(`language.${code}`))));
  languagePicker.addEventListener('change', () => void switchLanguage(languagePicker.value as Language));
  const signOut = h('button', {
    type: 'button', class: 'link-button',
    onclick: async () => {
      await api('POST', '/api/auth/sign-out');
      await refreshSession();
      router.go('/sign-in');
    },
  }, t('header.signOut'));
  clear(header,
    h('a', { href: '/', class: 'brand' }, t('app.name')),
    user ? searchBox(go) : null,
    h('nav', { 'aria-label': t('header.navigation') },
      user ? h('a', { href: '/' }, t('header.groups')) : null,
      user ? h('a', { href: '/directory', id: 'nav-directory' }, t('header.directory')) : null,
      user ? h('a', { href: '/convention', id: 'nav-convention' }, t('header.convention')) : null,
      user ? h('a', { href: '/network', id: 'nav-network' }, t('header.network')) : null,
      user ? h('a', { href: '/library', id: 'nav-library' }, t('header.library')) : null,
      user?.isAdmin ? h('a', { href: '/admin/operations' }, t('header.operations')) : null,
      user?.isAdmin ? h('a', { href: '/admin/organisations', id: 'nav-organisations' }, t('header.organisations')) : null,
      user ? h('a', { href: '/account', class: 'who' }, user.displayName, user.organisation ? h('span', { class: 'muted' }, ` · ${user.organisation}`) : null) : null,
      user ? signOut : null,
      h('label', { class: 'language' }, h('span', { class: 'visually-hidden' }, t('header.language')), languagePicker)));
  const skip = document.querySelector('.skip-link');
  if (skip) skip.textContent = t('header.skip');
}

/**
 * The page drawn again in another language, with what the person had typed put back, the page where it
 * was scrolled to and the focus on the language picker: a switch is not a departure (nothing asks).
 */
async function switchLanguage(next: Language): Promise<void> {
  const main = document.getElementById('main')!;
  const restore = keepTyped(main);
  const scrolled = window.scrollY;
  setLanguage(next);
  renderHeader();
  await router.render();
  restore(main);
  window.scrollTo(0, scrolled);
  document.getElementById('language')?.focus();
}

onSessionChange(renderHeader);
void (async () => {
  try {
    await refreshSession();
  } catch {
    renderHeader();
    showPage(t('error.title'), h('p', { class: 'notice', role: 'alert' }, t('error.network')));
    return;
  }
  await router.render();
})();
