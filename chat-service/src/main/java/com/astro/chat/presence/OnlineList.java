package com.astro.chat.presence;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import com.astro.common.event.PresenceChanged;

/**
 * The online astrologers as this instance knows them from {@code presence-changed}: per astrologer only the
 * event with the highest version counts, so a redelivered or late older event changes nothing. Listeners hear
 * about a change only when the list clients see actually changed.
 */
@Component
public class OnlineList {

    private static final Comparator<OnlineAstrologer> ORDER = Comparator
            .comparing((OnlineAstrologer a) -> a.displayName() == null ? "" : a.displayName(),
                    String.CASE_INSENSITIVE_ORDER)
            .thenComparing(OnlineAstrologer::id);

    private final Map<String, PresenceChanged> latest = new ConcurrentHashMap<>();

    private final List<Consumer<List<OnlineAstrologer>>> listeners = new CopyOnWriteArrayList<>();

    private volatile List<OnlineAstrologer> current = List.of();

    public List<OnlineAstrologer> current() {
        return current;
    }

    public void onChange(Consumer<List<OnlineAstrologer>> listener) {
        listeners.add(listener);
    }

    /** Applies one event; one thread (the presence feed) calls this. */
    public void apply(PresenceChanged event) {
        if (event == null || event.astrologerId() == null) {
            return;
        }
        PresenceChanged known = latest.get(event.astrologerId());
        if (known != null && known.version() >= event.version()) {
            return;
        }
        latest.put(event.astrologerId(), event);
        List<OnlineAstrologer> next = latest.values().stream().filter(PresenceChanged::online)
                .map(OnlineAstrologer::of).sorted(ORDER).toList();
        if (!next.equals(current)) {
            current = next;
            listeners.forEach(listener -> listener.accept(next));
        }
    }
}
