import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// Built into the App's wwwroot (git-ignored); the App serves it, maps /tab/me and /tab/team to index.html and
// /addin/taskpane (the Outlook add-in's page) to taskpane.html, /auth/start and /auth/end to auth-teams.html, /auth/dialog
// to auth-dialog.html.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: '../GlueTeams.App/wwwroot',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
    rollupOptions: {
      input: { index: 'index.html', taskpane: 'taskpane.html', 'auth-teams': 'auth-teams.html', 'auth-dialog': 'auth-dialog.html' },
    },
  },
});
