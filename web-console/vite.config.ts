/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The build lands in the jar's classpath under console/, where the gateway serves it at /.
// `npm run dev` proxies the API and Socket.IO to a running dev stack, so the console can be
// worked on with hot reload while the gateway serves the real backend.
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: "target/classes/console",
    emptyOutDir: true,
    // the Agora Web SDK is one large lazily loaded chunk, fetched only when a call is joined
    chunkSizeWarningLimit: 2000,
  },
  server: {
    proxy: {
      "/api": "http://localhost:8080",
      "/dev": "http://localhost:8080",
      "/console/config.json": "http://localhost:8080",
      "/socket.io": { target: "http://localhost:8080", ws: true },
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
