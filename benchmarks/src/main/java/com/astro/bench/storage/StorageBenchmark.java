package com.astro.bench.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.bson.Document;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;
import com.mongodb.reactivestreams.client.MongoDatabase;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * The storage benchmark: the chat message insert as chat-service does it, against raw driver loops doing the
 * same inserts at the same rate, in the same run and the same Mongo (a database of its own, dropped at the end).
 * The paths take turns in rounds so that drift on a shared machine affects each alike.
 *
 * <pre>java -jar benchmarks.jar --mongo-uri mongodb://localhost:27017 --rate 500 --seconds 20 --out storage.json</pre>
 */
public final class StorageBenchmark {

    /** Settings; every one has a default suitable for the dev stack. */
    public record Settings(String mongoUri, String database, double rate, double secondsPerPath, int rounds,
            int sessions, Path out, double warmupSeconds, boolean keep, int preload) {

        static Settings parse(String... args) {
            Map<String, String> given = new LinkedHashMap<>();
            for (int i = 0; i < args.length; i++) {
                String arg = args[i];
                if (!arg.startsWith("--")) {
                    throw new IllegalArgumentException("unexpected argument " + arg);
                }
                if (arg.equals("--keep")) {
                    given.put("keep", "true");
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(arg + " needs a value");
                }
                given.put(arg.substring(2), args[++i]);
            }
            Settings settings = new Settings(
                    given.getOrDefault("mongo-uri", "mongodb://localhost:27017"),
                    given.getOrDefault("database", "bench_storage_" + System.currentTimeMillis()),
                    Double.parseDouble(given.getOrDefault("rate", "500")),
                    Double.parseDouble(given.getOrDefault("seconds", "20")),
                    Integer.parseInt(given.getOrDefault("rounds", "2")),
                    Integer.parseInt(given.getOrDefault("sessions", "500")),
                    given.containsKey("out") ? Path.of(given.get("out")) : null,
                    Double.parseDouble(given.getOrDefault("warmup-seconds", "2")),
                    Boolean.parseBoolean(given.getOrDefault("keep", "false")),
                    Integer.parseInt(given.getOrDefault("preload", "0")));
            given.keySet().removeAll(List.of("mongo-uri", "database", "rate", "seconds", "rounds", "sessions",
                    "out", "warmup-seconds", "keep", "preload"));
            if (!given.isEmpty()) {
                throw new IllegalArgumentException("unknown options " + given.keySet());
            }
            if (settings.rate <= 0 || settings.secondsPerPath <= 0 || settings.rounds < 1 || settings.sessions < 1
                    || settings.preload < 0) {
                throw new IllegalArgumentException("rate, seconds, rounds and sessions must be positive, preload not negative");
            }
            return settings;
        }
    }

    private StorageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Settings settings;
        try {
            settings = Settings.parse(args);
        }
        catch (IllegalArgumentException ex) {
            System.err.println(ex.getMessage());
            System.err.println("usage: java -jar benchmarks.jar [--mongo-uri URI] [--database NAME] [--rate MSG_PER_S] "
                    + "[--seconds PER_PATH] [--rounds N] [--sessions N] [--preload DOCS] [--out FILE] [--keep]");
            System.exit(2);
            return;
        }
        Map<String, Object> report = run(settings);
        String json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build()
                .writeValueAsString(report);
        if (settings.out() != null) {
            Files.writeString(settings.out(), json);
        }
        System.out.println(json);
        System.exit(0);
    }

    public static Map<String, Object> run(Settings settings) throws Exception {
        MessageWorkload workload = new MessageWorkload("bench" + System.currentTimeMillis(), settings.sessions());
        try (MongoClient client = MongoClients.create(settings.mongoUri())) {
            MongoDatabase db = client.getDatabase(settings.database());
            ReactiveMongoTemplate template = new ReactiveMongoTemplate(client, settings.database());
            List<InsertPath> paths = List.of(new ServiceStorePath(template, workload),
                    DriverPaths.sameQueries(db, workload), new HintedPath(db, workload), DriverPaths.insertOnly(db, workload));
            int perRound = (int) Math.round(settings.rate() * settings.secondsPerPath() / settings.rounds());
            int warmup = (int) Math.round(settings.rate() * settings.warmupSeconds());
            Map<String, Latencies> latencies = new LinkedHashMap<>();
            Map<String, long[]> counts = new LinkedHashMap<>();
            Map<String, String> errors = new LinkedHashMap<>();
            Map<String, Double> seconds = new LinkedHashMap<>();
            List<String> overloaded = new ArrayList<>();
            for (InsertPath path : paths) {
                Flux.from(path.prepare()).blockLast();
                preload(db, path.collection(), settings.preload());
                latencies.put(path.name(), new Latencies(perRound * settings.rounds()));
                counts.put(path.name(), new long[3]);
                seconds.put(path.name(), 0.0);
                // warm-up (JIT, connection pool), on keys of its own, not measured
                long base = 1_000_000_000L;
                OpenLoop.run(settings.rate(), settings.warmupSeconds(), maxInFlight(settings), new Latencies(warmup),
                        k -> path.insert(base + k));
            }
            for (int round = 0; round < settings.rounds(); round++) {
                long offset = (long) round * perRound;
                for (InsertPath path : paths) {
                    OpenLoop.Result result = OpenLoop.run(settings.rate(), settings.secondsPerPath() / settings.rounds(),
                            maxInFlight(settings), latencies.get(path.name()), k -> path.insert(offset + k));
                    long[] c = counts.get(path.name());
                    c[0] += result.sent();
                    c[1] += result.completed();
                    c[2] += result.errors();
                    seconds.merge(path.name(), result.seconds(), Double::sum);
                    if (result.firstError() != null) {
                        errors.putIfAbsent(path.name(), result.firstError());
                    }
                    if (result.overloaded()) {
                        overloaded.add(path.name() + " (round " + (round + 1) + ")");
                    }
                }
            }
            Map<String, Object> report = new LinkedHashMap<>();
            Map<String, Object> setup = new LinkedHashMap<>();
            setup.put("mongo", settings.mongoUri());
            setup.put("database", settings.database());
            setup.put("ratePerSecond", settings.rate());
            setup.put("secondsPerPath", settings.secondsPerPath());
            setup.put("rounds", settings.rounds());
            setup.put("sessions", settings.sessions());
            setup.put("preloadedMessagesPerCollection", settings.preload());
            setup.put("cores", Runtime.getRuntime().availableProcessors());
            setup.put("method", "open loop (latency from the scheduled start of each insert); the paths take turns "
                    + "in rounds at the same rate; one reactive MongoClient (default pool) shared by all paths");
            setup.put("startedAt", Instant.now().toString());
            report.put("setup", setup);
            Map<String, Object> results = new LinkedHashMap<>();
            for (InsertPath path : paths) {
                Map<String, Object> r = new LinkedHashMap<>();
                long[] c = counts.get(path.name());
                r.put("description", path.description());
                r.put("sent", c[0]);
                r.put("completed", c[1]);
                r.put("errors", c[2]);
                r.put("firstError", errors.get(path.name()));
                r.put("achievedRate", Math.round(c[1] / Math.max(1e-9, seconds.get(path.name()))));
                r.put("latency", latencies.get(path.name()).summary());
                results.put(path.name(), r);
            }
            report.put("paths", results);
            report.put("overloaded", overloaded);
            report.put("ratios", ratios(results));
            if (!settings.keep()) {
                Mono.from(db.drop()).block();
            }
            return report;
        }
    }

    /**
     * Fills a path's collection with {@code count} messages of other sessions first: the service's collection holds
     * every session's messages, and a store whose cost grows with the collection shows it only when it is full.
     */
    private static void preload(MongoDatabase db, String collection, int count) {
        MessageWorkload others = new MessageWorkload("preload", Math.max(1, count / 20));
        var target = db.getCollection(collection);
        for (int from = 0; from < count; from += 1000) {
            List<Document> batch = new ArrayList<>();
            for (long k = from; k < Math.min(count, from + 1000); k++) {
                batch.add(DriverPaths.document(others, k, others.seq(k)));
            }
            Mono.from(target.insertMany(batch)).block();
        }
    }

    private static int maxInFlight(Settings settings) {
        // five seconds of backlog is overload by any standard for a chat message
        return (int) Math.max(100, settings.rate() * 5);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> ratios(Map<String, Object> results) {
        Map<String, Object> ratios = new LinkedHashMap<>();
        String[][] pairs = { { "service-store", "driver-insert" }, { "service-store", "driver-same-queries" },
                { "driver-same-queries", "driver-insert" }, { "driver-same-queries", "driver-seq-hint" },
                { "driver-seq-hint", "driver-insert" } };
        for (String[] pair : pairs) {
            Map<String, Object> a = (Map<String, Object>) ((Map<String, Object>) results.get(pair[0])).get("latency");
            Map<String, Object> b = (Map<String, Object>) ((Map<String, Object>) results.get(pair[1])).get("latency");
            for (String p : List.of("p50", "p99")) {
                if (a.get(p) instanceof Double x && b.get(p) instanceof Double y && y > 0) {
                    ratios.put(pair[0] + " / " + pair[1] + " " + p, Math.round(x / y * 100) / 100.0);
                }
            }
        }
        return ratios;
    }
}
