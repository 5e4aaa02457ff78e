import { createContext, useContext } from "react";
import type { Socket } from "socket.io-client";
import type { Api } from "./api/endpoints";
import type { Identity } from "./auth/jwt";
import type { ConsoleConfig } from "./config";

/** What every page of a signed-in tab uses: who is signed in, the REST API, the tab's socket, the gateway's settings. */
export interface Console {
  me: Identity;
  api: Api;
  socket: Socket;
  config: ConsoleConfig;
}

export const ConsoleContext = createContext<Console | null>(null);

export function useConsole(): Console {
  const value = useContext(ConsoleContext);
  if (!value) throw new Error("useConsole outside a signed-in console");
  return value;
}
