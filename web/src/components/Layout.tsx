import { useEffect, useRef } from 'react';
import { Link, Outlet, matchPath, useLocation, useNavigate } from 'react-router';
import { UNAUTHORISED_EVENT } from '../api';
import { signOut } from '../auth';
import { signInPath, useSession } from '../session';

interface NavItem {
  text: string;
  href: string;
  /** Also current for paths under it. */
  prefix?: boolean;
}

function navFor(pathname: string): NavItem[] {
  const school = matchPath({ path: '/schools/:id/*' }, pathname);
  if (school?.params.id) {
    const base = `/schools/${school.params.id}`;
    return [
      { text: 'Overview', href: base },
      { text: 'Requests', href: `${base}/requests`, prefix: true },
      { text: 'Bookings', href: `${base}/bookings`, prefix: true },
      { text: 'Slots', href: `${base}/slots`, prefix: true },
      { text: 'Find offers', href: `${base}/offers`, prefix: true },
      { text: 'Compliance', href: `${base}/compliance` },
      { text: 'Reports', href: `${base}/reports`, prefix: true },
      { text: 'Policy', href: `${base}/policy`, prefix: true },
      { text: 'Work experience', href: `${base}/work-experience`, prefix: true },
    ];
  }
  const org = matchPath({ path: '/organisations/:id/*' }, pathname);
  if (org?.params.id && org.params.id !== 'new') {
    const base = `/organisations/${org.params.id}`;
    return [
      { text: 'Overview', href: base },
      { text: 'Find slots', href: `${base}/slots`, prefix: true },
      { text: 'Offers', href: `${base}/offers`, prefix: true },
      { text: 'My bookings', href: `${base}/bookings` },
      { text: 'Work experience', href: `${base}/work-experience`, prefix: true },
      { text: 'Record', href: `${base}/request-record` },
      { text: 'Settings', href: `${base}/settings` },
    ];
  }
  return [];
}

export function Layout() {
  const location = useLocation();
  const navigate = useNavigate();
  const session = useSession();
  const first = useRef(true);

  // A client-side navigation is silent to screen readers: move focus to the new page's heading.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    if (location.hash) return;
    const timer = setTimeout(() => {
      const active = document.activeElement;
      const h1 = document.querySelector<HTMLElement>('#main-content h1');
      if (h1 && (!active || active === document.body || !document.getElementById('main-content')?.contains(active))) h1.focus();
    }, 0);
    return () => clearTimeout(timer);
  }, [location.pathname]);

  useEffect(() => {
    const onUnauthorised = () => {
      const here = window.location;
      if (here.pathname.startsWith('/sign-in')) return;
      navigate(signInPath({ pathname: here.pathname, search: here.search, hash: here.hash }) + '&expired=1', { replace: true });
    };
    window.addEventListener(UNAUTHORISED_EVENT, onUnauthorised);
    return () => window.removeEventListener(UNAUTHORISED_EVENT, onUnauthorised);
  }, [navigate]);

  const items = navFor(location.pathname);
  const isCurrent = (item: NavItem) =>
    location.pathname === item.href || (item.prefix === true && location.pathname.startsWith(`${item.href}/`));

  return (
    <>
      <a href="#main-content" className="govuk-skip-link" onClick={(e) => {
        e.preventDefault();
        const main = document.getElementById('main-content');
        main?.focus();
        main?.scrollIntoView();
      }}>
        Skip to main content
      </a>
      <header className="govuk-generic-header sg-header" role="banner">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <Link to="/" className="govuk-generic-header__homepage-link sg-header__name">
              Schoolgate
            </Link>
          </div>
        </div>
      </header>
      <section aria-label="Service information" className="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
              <ul className="govuk-service-navigation__list" id="navigation">
                {items.map((item) => (
                  <li className={`govuk-service-navigation__item${isCurrent(item) ? ' govuk-service-navigation__item--active' : ''}`} key={item.href}>
                    <Link className="govuk-service-navigation__link" to={item.href} aria-current={isCurrent(item) ? 'page' : undefined}>
                      {isCurrent(item) ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                    </Link>
                  </li>
                ))}
                {session ? (
                  <>
                    {items.length ? null : (
                      <li className="govuk-service-navigation__item">
                        <Link className="govuk-service-navigation__link" to="/">
                          Your organisations
                        </Link>
                      </li>
                    )}
                    <li className="govuk-service-navigation__item">
                      <a
                        className="govuk-service-navigation__link"
                        href="/"
                        onClick={(e) => {
                          e.preventDefault();
                          signOut();
                          navigate('/signed-out');
                        }}
                      >
                        Sign out
                      </a>
                    </li>
                  </>
                ) : (
                  <li className="govuk-service-navigation__item">
                    <Link className="govuk-service-navigation__link" to={location.pathname.startsWith('/sign-in') ? '/sign-in' : signInPath(location)}>
                      Sign in
                    </Link>
                  </li>
                )}
              </ul>
            </nav>
          </div>
        </div>
      </section>
      <div className="govuk-width-container">
        {/* data-path: the address of the page React has committed (a navigation to a page whose
            chunk is still loading keeps the old page, and this the old address, until it arrives). */}
        <main className="govuk-main-wrapper" id="main-content" tabIndex={-1} data-path={location.pathname}>
          <Outlet />
        </main>
      </div>
      <footer className="govuk-footer">
        <div className="govuk-width-container">
          <div className="govuk-footer__meta">
            <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
              <p className="govuk-body-s">
                Schoolgate connects schools with colleges, training providers and employers for careers encounters. It is not a government
                service.
              </p>
            </div>
          </div>
        </div>
      </footer>
    </>
  );
}
