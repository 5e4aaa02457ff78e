import type { AstrologerPresence } from "../api/types";

/**
 * The online astrologers as chat-service's `deltas` mode sends them: one `presence:online-list`
 * when the socket (re)subscribes, then one `presence:changed` per change. A delta counts only when
 * its version is higher than the one held for that astrologer; `online: false` removes them.
 */
export interface OnlineList {
  byId: Record<string, AstrologerPresence>;
  /** Highest version seen per astrologer, kept after removal so a late older delta cannot bring them back. */
  versions: Record<string, number>;
}

export const emptyOnlineList: OnlineList = { byId: {}, versions: {} };

export function fromList(list: AstrologerPresence[], previous: OnlineList = emptyOnlineList): OnlineList {
  const byId: Record<string, AstrologerPresence> = {};
  const versions = { ...previous.versions };
  for (const astrologer of list) {
    byId[astrologer.id] = astrologer;
    versions[astrologer.id] = astrologer.version;
  }
  return { byId, versions };
}

export function applyDelta(state: OnlineList, delta: AstrologerPresence): OnlineList {
  const held = state.versions[delta.id];
  if (held !== undefined && delta.version <= held) return state;
  const byId = { ...state.byId };
  if (delta.online === false) delete byId[delta.id];
  else byId[delta.id] = delta;
  return { byId, versions: { ...state.versions, [delta.id]: delta.version } };
}

/** Free astrologers first, then by name: the order a user picks from. */
export function sortedAstrologers(state: OnlineList): AstrologerPresence[] {
  return Object.values(state.byId).sort(
    (a, b) => Number(a.busy) - Number(b.busy) || nameOf(a).localeCompare(nameOf(b)),
  );
}

export function nameOf(astrologer: Pick<AstrologerPresence, "id" | "displayName">): string {
  return astrologer.displayName || astrologer.id;
}
