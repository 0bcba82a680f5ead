import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { afterEach } from 'vitest';

// Component tests (in a `// @vitest-environment happy-dom` file) render with React's act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

afterEach(() => {
  document.body.innerHTML = '';
});

/**
 * Renders `ui` into a fresh element in the page; the page is emptied after each test.
 *
 * @example
 * const host = render(<ErrorSummary errors={[]} />);
 * expect(host.innerHTML).toBe('');
 */
export function render(ui: ReactNode): HTMLElement {
  const host = document.createElement('div');
  document.body.append(host);
  act(() => createRoot(host).render(ui));
  return host;
}
