import { defineConfig } from 'vitest/config';

// The build goes straight into the server's static files; the server serves it.
export default defineConfig({
  build: {
    outDir: '../src/Workspace.Server/wwwroot',
    emptyOutDir: true,
    // The editor page (CodeMirror + SignalR) is one lazily loaded chunk of ~570 kB (190 kB gzipped).
    chunkSizeWarningLimit: 800,
    modulePreload: { polyfill: false },
    sourcemap: true,
  },
  server: { proxy: { '/api': 'http://localhost:5080', '/healthz': 'http://localhost:5080' } },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.ts'],
    reporters: ['default', 'junit'],
    outputFile: { junit: 'test-results/unit-junit.xml' },
  },
});
