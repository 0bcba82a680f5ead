import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  plugins: [react()],
  // govuk-frontend's compiled CSS keeps old IE media hacks that lightningcss refuses; drop them.
  css: { lightningcss: { errorRecovery: true } },
  // No source map in what browsers download: it would ship the source and cost a transfer.
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false },
  server: { proxy: { '/v1': 'http://127.0.0.1:3000', '/config.json': 'http://127.0.0.1:3000' } },
});
