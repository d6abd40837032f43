import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { precompress } from './scripts/precompress.ts';

export default defineConfig({
  plugins: [react(), precompress()],
  build: {
    outDir: 'dist/web',
    emptyOutDir: true,
    // `.vite/manifest.json`: which chunks each page loads, read by scripts/check-bundle.ts.
    manifest: true,
    chunkSizeWarningLimit: 2000,
    rolldownOptions: {
      treeshake: {
        // antd's component packages (rc-*, @rc-component/*) have no side effects on import but do
        // not say so: without this rule every module they import comes along, used or not (the
        // whole form validator with antd's Input, even on a page without a form).
        moduleSideEffects: [
          { test: /[\\/]node_modules[\\/](rc-[\w-]+|@rc-component[\\/][\w-]+)[\\/]/, sideEffects: false },
        ],
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
});
