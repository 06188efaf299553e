/**
 * Vite build for the classroom app (console, projector, tablets). It runs on a school LAN with the
 * internet cut off, so nothing here may reach a CDN: every asset is bundled and served by the
 * Heartlamp server from `dist/`.
 *
 * Phaser (~200–350 KB gzip) is the heaviest dependency and only the stage needs it, so it is forced
 * into its own chunk, reached only through dynamic `import()`: the join page on a slow tablet
 * never waits for it.
 */
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const SERVER = 'http://127.0.0.1:3000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  resolve: {
    // One copy of each: activity controls call react-i18next's useTranslation and must see the
    // i18next instance this app initialised, and React must not be loaded twice.
    dedupe: ['react', 'react-dom', 'i18next', 'react-i18next'],
  },
  server: {
    host: true,
    proxy: {
      '/socket.io': { target: SERVER, ws: true, changeOrigin: true },
      '/api': { target: SERVER, changeOrigin: true },
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    // Phaser alone is over the default warning limit; it is lazy, so the warning is noise.
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        codeSplitting: {
          groups: [
            {
              name: 'phaser',
              test: /[\\/]node_modules[\\/](\.pnpm[\\/]phaser@[^\\/]+[\\/]node_modules[\\/])?phaser[\\/]/,
            },
          ],
        },
      },
    },
  },
});
