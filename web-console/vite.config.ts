/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The build lands in the jar's classpath under console/, where the gateway serves it at /.
// `npm run dev` (and `vite preview`) proxy the API and Socket.IO to a running stack's gateway
// (GATEWAY_URL, default the dev stack's), so the pages can be worked on with hot reload.
const gateway = process.env.GATEWAY_URL ?? "http://localhost:8080";

// Requests reach the gateway as the same-origin requests they are once the gateway serves the
// pages: without the dev server's Origin, which its CORS rules (FRONTEND_URL) would refuse.
const toGateway = {
  target: gateway,
  ws: true,
  configure: (proxy: { on(event: string, listener: (request: { removeHeader(name: string): void }) => void): void }) => {
    proxy.on("proxyReq", (request) => request.removeHeader("origin"));
    proxy.on("proxyReqWs", (request) => request.removeHeader("origin"));
  },
};

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
      "/api": toGateway,
      "/dev": toGateway,
      "/console/config.json": toGateway,
      "/socket.io": toGateway,
    },
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
