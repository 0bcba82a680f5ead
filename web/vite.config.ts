import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

/**
 * GOV.UK Frontend's compiled CSS declares the GDS Transport font (licensed for service.gov.uk only)
 * and the crown crest at /assets/..., which this app neither may nor does serve: those URLs would
 * 404. The @font-face rules go (text falls back to Arial, as GOV.UK Frontend's own stack does), and
 * the crest, drawn only by a footer logo this app does not render, becomes `none`.
 */
export const withoutGovukAssets = (): Plugin => ({
  name: 'schoolgate-without-govuk-assets',
  enforce: 'pre',
  transform(code, id) {
    if (!/govuk-frontend[^?]*\.css(\?|$)/.test(id)) return null;
    return { code: code.replace(/@font-face\s*\{[^}]*\}/g, '').replace(/url\(["']?\/assets\/images\/[^)"']+["']?\)/g, 'none'), map: null };
  },
});

export default defineConfig({
  plugins: [react(), withoutGovukAssets()],
  // govuk-frontend's compiled CSS keeps old IE media hacks that lightningcss refuses; drop them.
  css: { lightningcss: { errorRecovery: true } },
  // No source map in what browsers download: it would ship the source and cost a transfer.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/config.json': 'http://127.0.0.1:3000' } },
});
