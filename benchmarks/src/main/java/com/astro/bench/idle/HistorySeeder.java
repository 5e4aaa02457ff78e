package com.astro.bench.idle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.bson.Document;
import org.bson.types.ObjectId;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoCollection;

import reactor.core.publisher.Mono;

/**
 * Writes a finished history straight into the services' own databases, shaped as the services store it: ended and
 * fully announced sessions (session-service's sessions and ledger, chat-service's read model, presence-service's
 * session records) and their chat messages (with each session's head document). It is the state a stack has after
 * months of traffic, made in seconds, for the idle-CPU scenario (benchmarks/js/scenarios/idlecpu.js): nothing in it
 * is due, so an idle stack should not touch it. Prints one JSON line with what it wrote.
 * <p>
 * Usage: {@code --mongo-uri URI --sessions N --messages M --prefix P}
 */
public final class HistorySeeder {

    private static final int BATCH = 1_000;

    private HistorySeeder() {
    }

    public static void main(String[] args) {
        String uri = "mongodb://localhost:27017";
        int sessions = 10_000;
        int messages = 100_000;
        String prefix = "seed" + System.currentTimeMillis();
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--mongo-uri" -> uri = args[i + 1];
                case "--sessions" -> sessions = Integer.parseInt(args[i + 1]);
                case "--messages" -> messages = Integer.parseInt(args[i + 1]);
                case "--prefix" -> prefix = args[i + 1];
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        long started = System.nanoTime();
        try (MongoClient client = MongoClients.create(uri)) {
            seed(client, sessions, messages, prefix);
        }
        System.out.printf("{\"sessions\":%d,\"messages\":%d,\"seconds\":%.1f}%n", sessions, messages,
                (System.nanoTime() - started) / 1e9);
    }

    static void seed(MongoClient client, int sessions, int messages, String prefix) {
        Instant base = Instant.now().minusSeconds(30L * 24 * 3600);
        List<Document> ended = new ArrayList<>();
        List<Document> ledger = new ArrayList<>();
        List<Document> chatSessions = new ArrayList<>();
        List<Document> presenceSessions = new ArrayList<>();
        List<Document> heads = new ArrayList<>();
        String[] ids = new String[sessions];
        for (int i = 0; i < sessions; i++) {
            // a 24-hex-digit id is stored by the services (Spring Data) as an ObjectId
            ObjectId oid = new ObjectId();
            String id = oid.toHexString();
            ids[i] = id;
            String user = prefix + "_u" + (i % 1000);
            String astro = prefix + "_a" + (i % 100);
            Date created = Date.from(base.plusSeconds(i * 60L));
            Date accepted = Date.from(base.plusSeconds(i * 60L + 5));
            Date endedAt = Date.from(base.plusSeconds(i * 60L + 185));
            ended.add(new Document("_id", oid).append("userId", user).append("astrologerId", astro)
                    .append("sessionType", "CHAT").append("ratePerMinute", 10L).append("status", "ENDED")
                    .append("createdAt", created).append("expiresAt", Date.from(created.toInstant().plusSeconds(60)))
                    .append("acceptedAt", accepted).append("acceptedBy", astro).append("channelName", "session_" + id)
                    .append("endedAt", endedAt).append("endReason", "COMPLETED").append("endedBy", user)
                    .append("billedMinutes", 4L).append("coinsCharged", 40L).append("finalizedAt", endedAt)
                    .append("requestedEventId", prefix + "-r" + i).append("requestedPublished", true)
                    .append("acceptedEventId", prefix + "-a" + i).append("acceptedPublished", true)
                    .append("endedEventId", prefix + "-e" + i).append("endedPublished", true));
            ledger.add(new Document("_id", "session:" + id).append("userId", user).append("kind", "debit")
                    .append("coins", -40L).append("sessionId", id).append("createdAt", endedAt).append("applied", true));
            chatSessions.add(new Document("_id", oid).append("userId", user).append("astrologerId", astro)
                    .append("sessionType", "chat").append("ratePerMinute", 10L).append("stage", 3)
                    .append("acceptedAt", accepted).append("channelName", "session_" + id).append("endedAt", endedAt)
                    .append("endReason", "completed"));
            presenceSessions.add(new Document("_id", oid).append("astrologerId", astro).append("firstSeenAt", accepted)
                    .append("acceptedSeenAt", accepted).append("endedSeenAt", endedAt));
        }
        insert(client.getDatabase("session").getCollection("sessions"), ended);
        insert(client.getDatabase("session").getCollection("ledger"), ledger);
        insert(client.getDatabase("chat").getCollection("sessions"), chatSessions);
        insert(client.getDatabase("presence").getCollection("sessions"), presenceSessions);

        MongoCollection<Document> stored = client.getDatabase("chat").getCollection("messages");
        List<Document> batch = new ArrayList<>();
        for (int k = 0; k < messages; k++) {
            int s = k % sessions;
            long seq = k / sessions + 1;
            boolean fromUser = seq % 2 == 1;
            String sender = prefix + (fromUser ? "_u" + (s % 1000) : "_a" + (s % 100));
            batch.add(new Document("_id", new ObjectId()).append("sessionId", ids[s]).append("seq", seq)
                    .append("senderId", sender).append("senderRole", fromUser ? "user" : "astrologer")
                    .append("text", "a seeded chat message of typical length, number " + k)
                    .append("clientMessageId", "c" + k).append("dedupKey", "c:c" + k)
                    .append("sentAt", Date.from(base.plusSeconds(s * 60L + 10 + seq))));
            if (batch.size() == BATCH) {
                insert(stored, batch);
                batch = new ArrayList<>();
            }
        }
        insert(stored, batch);
        for (int s = 0; s < sessions; s++) {
            long last = messages / sessions + (s < messages % sessions ? 1 : 0);
            if (last > 0) {
                heads.add(new Document("_id", new ObjectId(ids[s])).append("lastSeq", last));
            }
        }
        insert(client.getDatabase("chat").getCollection("message_heads"), heads);
    }

    private static void insert(MongoCollection<Document> collection, List<Document> documents) {
        for (int from = 0; from < documents.size(); from += BATCH) {
            List<Document> part = documents.subList(from, Math.min(documents.size(), from + BATCH));
            Mono.from(collection.insertMany(part)).block();
        }
    }
}
