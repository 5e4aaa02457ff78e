import { requestJson } from "./api/client";

/** What the gateway tells the console at start (`GET /console/config.json`); nothing in it is secret. */
export interface ConsoleConfig {
  /** The dev profile's "sign in as" through `/dev/tokens`. */
  devSignIn: boolean;
  /** Clerk sign-in when set (CLERK_PUBLISHABLE_KEY). */
  clerkPublishableKey: string | null;
  /** Join calls with the Agora Web SDK when set (CONSOLE_AGORA_APP_ID); otherwise show the call's details. */
  agoraAppId: string | null;
  /** The token claim holding the role (AUTH_ROLE_CLAIM). */
  roleClaim: string;
}

export function loadConfig(): Promise<ConsoleConfig> {
  return requestJson<ConsoleConfig>("GET", "/console/config.json", null);
}
