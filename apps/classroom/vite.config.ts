/**
 * Vite build for the classroom app (console, projector, tablets). It runs on a school LAN with the
 * internet cut off, so nothing here may reach a CDN: every asset is bundled and served by the
 * Heartlamp server from `dist/`.
 *
 * Phaser is the heaviest dependency and only the stage needs it, so it is forced into its own
 * chunk, reached only through dynamic `import()`: the join page on a slow tablet never waits for
 * it. It is also built from its sources with only what the stages use (see `phaserCore`).
 *
 * Budgets (join page, Phaser chunk) are checked after the build by `scripts/check-size.mjs`, from
 * the chunk graph this config writes to `dist/.vite/bundle-stats.json`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, gzip as gzipCallback, constants as zlib } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const SERVER = 'http://127.0.0.1:3000';

/** Phaser's package folder, resolved from this app (pnpm keeps one copy for the workspace). */
const PHASER_DIR = dirname(createRequire(import.meta.url).resolve('phaser/package.json'));

/** A Phaser module, whether reached as `phaser/dist/…` or `phaser/src/…` (pnpm or hoisted). */
const PHASER_MODULE = /[\\/]node_modules[\\/](\.pnpm[\\/]phaser@[^\\/]+[\\/]node_modules[\\/])?phaser[\\/]/;

/**
 * Phaser's own webpack build replaces `typeof FLAG` with a literal to drop whole subsystems; done
 * here for the source build. Both renderers stay (Phaser.AUTO falls back to Canvas on a tablet
 * without WebGL); no sound (the stages play none and start with `audio.noAudio`), no WebGL debug,
 * no 3D camera or Facebook Instant plugins.
 */
const PHASER_FLAGS: Readonly<Record<string, boolean>> = {
  CANVAS_RENDERER: true,
  WEBGL_RENDERER: true,
  WEBGL_DEBUG: false,
  FEATURE_SOUND: false,
  PLUGIN_CAMERA3D: false,
  PLUGIN_FBINSTANT: false,
};
const PHASER_FLAG_PATTERN = new RegExp(`typeof (${Object.keys(PHASER_FLAGS).join('|')})\\b`, 'g');

/** Replaces Phaser's feature flags in its sources; a Rolldown plugin, so the dev server's dependency
 * optimizer (which pre-bundles Phaser) runs it too. */
const phaserFlags = {
  name: 'heartlamp:phaser-flags',
  transform: {
    filter: { id: PHASER_MODULE },
    handler(code: string) {
      const flagged = code.replace(PHASER_FLAG_PATTERN, (_all, flag: string) => String(PHASER_FLAGS[flag]));
      // The entry files publish `window.Phaser` through webpack's `global`.
      const out = flagged.replace(/^global\.Phaser = /m, 'globalThis.Phaser = ');
      return out === code ? null : { code: out, map: null };
    },
  },
};

/**
 * `phaser` → `phaser/src/phaser-core.js`: Game, Scene, Graphics, Text, Image, Sprite, Layer,
 * input, scale, tweens — no physics, particles, tilemaps, shapes (`add.rectangle`: draw with
 * Graphics instead), BitmapText or sound. The published bundle is ~357 KB gzip; this is ~200 KB.
 */
function phaserCore(): Plugin {
  return {
    ...phaserFlags,
    name: 'heartlamp:phaser-core',
    enforce: 'pre',
    config: () => ({
      resolve: { alias: [{ find: /^phaser$/, replacement: join(PHASER_DIR, 'src', 'phaser-core.js') }] },
      optimizeDeps: { rolldownOptions: { plugins: [phaserFlags] } },
    }),
  };
}

const gzip = promisify(gzipCallback);
const brotli = promisify(brotliCompress);

/** Compressible types only: images and fonts are compressed already. */
const COMPRESSIBLE = /\.(js|mjs|css|html|svg|json|txt|webmanifest)$/;

/**
 * Writes `name.br` and `name.gz` next to every hashed asset, so the server sends 40 tablets the
 * compressed bytes without compressing per request (see apps/server/src/http/static.ts). A file
 * is skipped when compressing would not make it smaller.
 */
function precompress(): Plugin {
  let assetsDir = 'assets';
  return {
    name: 'heartlamp:precompress',
    apply: 'build',
    configResolved(config) {
      assetsDir = config.build.assetsDir;
    },
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? '';
      const files = Object.keys(bundle).filter((name) => name.startsWith(`${assetsDir}/`) && COMPRESSIBLE.test(name));
      // zlib's async calls run on libuv's thread pool: all files compress in parallel.
      await Promise.all(
        files.map(async (name) => {
          const file = join(outDir, name);
          const body = await readFile(file);
          const [gz, br] = await Promise.all([
            gzip(body, { level: 9 }),
            brotli(body, {
              params: {
                [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
                [zlib.BROTLI_PARAM_SIZE_HINT]: body.length,
              },
            }),
          ]);
          if (gz.length < body.length) await writeFile(`${file}.gz`, gz);
          if (br.length < body.length) await writeFile(`${file}.br`, br);
        }),
      );
    },
  };
}

/** One chunk of the build as `scripts/check-size.mjs` reads it. */
interface ChunkStats {
  file: string;
  isEntry: boolean;
  /** Chunks loaded with it (static `import`). */
  imports: string[];
  /** Chunks it may load later (`import()`). */
  dynamicImports: string[];
  /** Source modules in it, relative to the workspace root (`node_modules/…` for packages), with
   * their size in the chunk before minification (to show what makes a chunk big). */
  modules: { id: string; bytes: number }[];
}

/**
 * Writes the chunk graph (which chunk imports which, statically or lazily, and what is in each) to
 * `dist/.vite/bundle-stats.json`. The server never serves dot-folders.
 */
function bundleStats(): Plugin {
  const workspace = join(import.meta.dirname, '..', '..');
  const tidy = (id: string) =>
    id
      .replace(/^\0/, '')
      .replace(/^.*[\\/]node_modules[\\/]/, 'node_modules/')
      .replace(workspace, '')
      .replace(/^[\\/]/, '');
  return {
    name: 'heartlamp:bundle-stats',
    apply: 'build',
    generateBundle(_options, bundle) {
      const chunks: ChunkStats[] = [];
      for (const item of Object.values(bundle)) {
        if (item.type !== 'chunk') continue;
        chunks.push({
          file: item.fileName,
          isEntry: item.isEntry,
          imports: [...item.imports],
          dynamicImports: [...item.dynamicImports],
          modules: Object.entries(item.modules).map(([id, info]) => ({ id: tidy(id), bytes: info.renderedLength })),
        });
      }
      this.emitFile({
        type: 'asset',
        fileName: '.vite/bundle-stats.json',
        source: `${JSON.stringify({ chunks })}\n`,
      });
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [phaserCore(), react(), bundleStats(), precompress()],
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
    // Phaser is over the default warning limit; it is lazy, and scripts/check-size.mjs holds the budgets.
    chunkSizeWarningLimit: 1000,
    rolldownOptions: {
      output: {
        entryFileNames: 'assets/[name]-[hash].js',
        chunkFileNames: 'assets/[name]-[hash].js',
        assetFileNames: 'assets/[name]-[hash][extname]',
        codeSplitting: {
          groups: [{ name: 'phaser', test: PHASER_MODULE }],
        },
      },
    },
  },
});
