// Vite build of the clinician app into packages/web/dist, served by the Galen server at `/`.
// `npm run dev -w @galen/web` proxies the API to a local `galen serve` (GALEN_URL, default :8080).
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const target = process.env.GALEN_URL ?? 'http://127.0.0.1:8080';

export default defineConfig({
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 600 },
  server: { proxy: { '/api': target, '/fhir': target, '/auth': target } },
});
