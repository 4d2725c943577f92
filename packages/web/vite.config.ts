import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Resolve @deskside/shared to its TypeScript source so the web app never waits on a shared build.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['@deskside/source', ...defaultClientConditions] },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
  server: {
    // `npm run dev -w @deskside/web` proxies the API to a server started with `npm start`.
    port: 8092,
    proxy: { '/api': { target: 'http://localhost:8080', changeOrigin: false } },
  },
});
