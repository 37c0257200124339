import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into the App's wwwroot (git-ignored); the App serves it and maps /tab/me and /tab/team to index.html.
export default defineConfig({
  plugins: [react()],
  build: { outDir: '../GlueTeams.App/wwwroot', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
