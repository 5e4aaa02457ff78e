package com.astro.chat.presence;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import com.astro.common.event.EventJson;
import com.astro.common.event.PresenceChanged;

import tools.jackson.databind.util.RawValue;

/**
 * The astrologers as this instance knows them from {@code presence-changed}: per astrologer only the event with
 * the highest version counts, so a redelivered or late older event changes nothing. Listeners hear of a change
 * only when something a client shows changed (see {@link PresenceView#visiblyChangedFrom}), in the order the
 * feed applied them, so each astrologer's changes reach them in version order.
 *
 * <p>The sorted list and its JSON are built lazily, at most once per change, and shared by every emit: with
 * changes coalesced, a burst of changes costs one build, not one per change or per socket.
 */
@Component
class OnlineList {

    private static final Comparator<OnlineAstrologer> ORDER = Comparator
            .comparing((OnlineAstrologer a) -> a.displayName() == null ? "" : a.displayName(),
                    String.CASE_INSENSITIVE_ORDER)
            .thenComparing(OnlineAstrologer::id);

    private final Map<String, PresenceView> latest = new HashMap<>();

    private final List<Consumer<PresenceView>> listeners = new CopyOnWriteArrayList<>();

    // built from latest on first use after a change; null while stale. Guarded by this.
    private List<OnlineAstrologer> current = List.of();

    private RawValue json;

    synchronized List<OnlineAstrologer> current() {
        if (current == null) {
            current = latest.values().stream().filter(PresenceView::online).map(OnlineAstrologer::of).sorted(ORDER)
                    .toList();
        }
        return current;
    }

    /** The current list as JSON, ready to emit: written once per change whatever the number of sockets. */
    synchronized RawValue json() {
        if (json == null) {
            json = new RawValue(EventJson.mapper().writeValueAsString(current()));
        }
        return json;
    }

    /** Called with each visible change, on the feed's thread and under this list's lock (see {@link #locked}). */
    void onChange(Consumer<PresenceView> listener) {
        listeners.add(listener);
    }

    /**
     * Runs {@code action} with no change applied or announced meanwhile: what a socket is sent inside it and the
     * changes announced afterwards follow each other exactly, with no change missed or told twice.
     */
    synchronized void locked(Runnable action) {
        action.run();
    }

    /** Applies one event; one thread (the presence feed) calls this. */
    synchronized void apply(PresenceChanged event) {
        if (event == null || event.astrologerId() == null) {
            return;
        }
        PresenceView known = latest.get(event.astrologerId());
        if (known != null && known.version() >= event.version()) {
            return;
        }
        PresenceView next = PresenceView.of(event);
        latest.put(event.astrologerId(), next);
        // a bare version or lastSeen tick still refreshes the entry, for the next list built for another reason
        current = null;
        json = null;
        if (next.visiblyChangedFrom(known)) {
            listeners.forEach(listener -> listener.accept(next));
        }
    }
}
