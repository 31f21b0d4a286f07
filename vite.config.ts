import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.MOTCUA_API_URL ?? 'http://localhost:3000';
const proxied = ['/api', '/healthz', '/openapi.json', '/docs'];

export default defineConfig({
  root: 'web',
  publicDir: 'public',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    sourcemap: true,
  },
  server: {
    port: 5173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
  preview: {
    port: 4173,
    proxy: Object.fromEntries(proxied.map((path) => [path, { target: apiTarget, changeOrigin: false }])),
  },
});
