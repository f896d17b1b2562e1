import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";

// The config runs in Node; declaring the one global it reads spares a dependency on @types/node.
declare const process: { env: Record<string, string | undefined> };

// base "./" keeps every asset URL relative, so the same build works at "/" (mlops server) and under
// any root path (Jenkins' /jenkins/model-registry/).
export default defineConfig({
  base: "./",
  plugins: [react()],
  // `npm run dev` serves the UI with hot reload and passes API calls to a running `mlops server`.
  server: {
    proxy: { "/api": process.env.MLOPS_SERVER ?? "http://127.0.0.1:5000" },
  },
  build: {
    outDir: "dist",
    assetsDir: "assets",
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
  },
  test: {
    environment: "jsdom",
    globals: true,
    setupFiles: ["src/test/setup.ts"],
    // above the 30 s that findBy*/waitFor wait (src/test/setup.ts), so those report their own failure
    testTimeout: 60_000,
  },
});
