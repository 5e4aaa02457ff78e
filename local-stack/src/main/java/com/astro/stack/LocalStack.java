package com.astro.stack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.astro.infra.DevIssuer;
import com.astro.infra.EmbeddedKafka;
import com.astro.infra.EmbeddedMongo;

/**
 * The whole system on one machine: the embedded Kafka broker, the embedded Mongo server and the dev
 * issuer in this JVM, and every application as a child process started from its built jar. Used by
 * {@code scripts/dev-stack}, the end-to-end tests and the benchmarks:
 *
 * <pre>{@code
 * try (LocalStack stack = LocalStack.builder().instances(App.CHAT, 2).build().start()) {
 *     String token = stack.issuer().mint("user_1", "user", "Uma");
 *     ... stack.gatewayUrl() ...
 * }
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

    /**
     * The JVM flags each application gets unless {@code JAVA_OPTS} or the builder says otherwise: small heaps, full
     * tiered compilation, which starts slower than C1 alone but sustains about twice the chat load once warm
     * (docs/benchmarks.md, issue 12: 500 msg/s held for 30 s instead of overloaded after 8 s), and the parallel
     * collector, whose young pauses under chat load are a few milliseconds where the serial one's took tens and set
     * the messages' p99 (docs/benchmarks.md, "Young-collection pauses"). The JVM's performance counters (what
     * {@code jstat} reads) are sampled once a second instead of every 50 ms: with the parallel collector each sample
     * reads every heap space's size, about 0.07 % of a core per idle JVM (docs/benchmarks.md, issue 21).
     */
    public static final List<String> DEFAULT_JVM_FLAGS = List.of(
            "-XX:+UseParallelGC", "-XX:PerfDataSamplingInterval=1000", "-Xss512k", "-Xmx384m",
            "-XX:+ExitOnOutOfMemoryError");

    /** For a stack that lives a minute (tests): C1 only, which starts the seven JVMs fastest on two cores. */
    public static final List<String> QUICK_START_JVM_FLAGS = List.of(
            "-XX:+UseSerialGC", "-Xss512k", "-XX:TieredStopAtLevel=1", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError");

    /** Dev Agora credentials: the right shape (32 hex characters), no real project behind them. */
    public static final String DEV_AGORA_APP_ID = "0123456789abcdef0123456789abcdef";

    public static final String DEV_AGORA_APP_CERTIFICATE = "fedcba9876543210fedcba9876543210";

    private static final Logger log = LoggerFactory.getLogger(LocalStack.class);

    private static final String STOPPED_WHILE_STARTING = "the local stack was stopped while it started";

    private final Builder settings;

    // start() and stop() meet only here: stop() never waits for a start-up in progress (Ctrl-C during start-up)
    private final Object lock = new Object();

    // guarded by lock
    private final List<ChildApp> children = new ArrayList<>();

    // guarded by lock
    private boolean stopped;

    private volatile EmbeddedKafka kafka;

    private volatile EmbeddedMongo mongo;

    private volatile DevIssuer issuer;

    private volatile Thread shutdownHook;

    private LocalStack(Builder settings) {
        this.settings = settings;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts infrastructure, then every application, and returns once each answers readiness UP.
     * On any failure what was started is stopped again and the exception names the culprit. A {@link #stop()}
     * meanwhile (Ctrl-C, from another thread) does not wait for the start-up: it stops what is up, and this
     * start ends with an exception saying so.
     */
    public LocalStack start() {
        Instant begin = Instant.now();
        Map<App, Path> jars = locateJars();
        checkPortsFree();
        shutdownHook = new Thread(this::stop, "local-stack-stop");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        try {
            Path logs = Files.createDirectories(settings.root.resolve(".local-stack").resolve("logs"));
            EmbeddedKafka startedKafka = EmbeddedKafka.start(settings.kafkaPort, settings.partitions);
            keep(() -> kafka = startedKafka, startedKafka::close);
            EmbeddedMongo startedMongo = EmbeddedMongo.start(settings.mongoPort);
            keep(() -> mongo = startedMongo, startedMongo::close);
            DevIssuer startedIssuer = DevIssuer.start(settings.issuerPort, settings.frontendUrl);
            keep(() -> issuer = startedIssuer, startedIssuer::close);
            log.info("infrastructure up: kafka {}, mongo {}, issuer {}", kafka.bootstrapServers(), mongo.connectionString(), issuer.issuer());
            for (App app : App.values()) {
                for (int n = 0; n < settings.instances.get(app); n++) {
                    int port = settings.basePorts.get(app) + 10 * n;
                    String name = n == 0 ? app.module() : app.module() + "-" + (n + 1);
                    ChildApp child = ChildApp.launch(name, app, port, jars.get(app), jvmFlags(),
                            environment(app, name, port), logs.resolve(name + ".log"));
                    keep(() -> children.add(child), () -> stopAll(List.of(child)));
                }
            }
            Instant deadline = Instant.now().plus(settings.readyTimeout);
            for (ChildApp child : instances()) {
                child.awaitReady(deadline);
                log.info("{} ready on {} (pid {})", child.name(), child.url(), child.pid());
            }
            log.info("stack ready in {} ms", Duration.between(begin, Instant.now()).toMillis());
            return this;
        }
        catch (IOException | RuntimeException ex) {
            boolean stoppedMeanwhile = isStopped();
            stop();
            if (stoppedMeanwhile) {
                throw new IllegalStateException(STOPPED_WHILE_STARTING, ex);
            }
            throw ex instanceof RuntimeException runtime ? runtime : new IllegalStateException(ex.getMessage(), ex);
        }
    }

    /** Records what start() just started, or, if the stack was stopped meanwhile, stops it again at once. */
    private void keep(Runnable record, Runnable undo) {
        synchronized (lock) {
            if (!stopped) {
                record.run();
                return;
            }
        }
        undo.run();
        throw new IllegalStateException(STOPPED_WHILE_STARTING);
    }

    private boolean isStopped() {
        synchronized (lock) {
            return stopped;
        }
    }

    private Map<App, Path> locateJars() {
        Map<App, Path> jars = new EnumMap<>(App.class);
        List<String> missing = new ArrayList<>();
        for (App app : App.values()) {
            if (settings.instances.get(app) == 0) {
                continue;
            }
            Path jar = settings.root.resolve(app.module()).resolve("target").resolve(app.module() + "-0.1.0-SNAPSHOT.jar");
            if (Files.isRegularFile(jar)) {
                jars.put(app, jar);
            }
            else {
                missing.add(jar.toString());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("missing application jars " + missing
                    + ": run mvn -DskipTests install first (scripts/dev-stack does)");
        }
        return jars;
    }

    /** A port held by another process (often a stack left over from a crash) fails here, by name, not in a child's log. */
    private void checkPortsFree() {
        Map<String, Integer> wanted = new LinkedHashMap<>();
        if (settings.mongoPort > 0) {
            wanted.put("embedded Mongo", settings.mongoPort);
        }
        if (settings.issuerPort > 0) {
            wanted.put("dev issuer", settings.issuerPort);
        }
        for (App app : App.values()) {
            for (int n = 0; n < settings.instances.get(app); n++) {
                wanted.put(n == 0 ? app.module() : app.module() + "-" + (n + 1), settings.basePorts.get(app) + 10 * n);
            }
        }
        List<String> busy = new ArrayList<>();
        wanted.forEach((name, port) -> {
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(port));
            }
            catch (IOException ex) {
                busy.add(port + " (" + name + ")");
            }
        });
        if (!busy.isEmpty()) {
            throw new IllegalStateException("ports already in use: " + String.join(", ", busy)
                    + "; is another stack running? (find it with: ss -ltnp | grep <port>)");
        }
    }

    private List<String> jvmFlags() {
        String javaOpts = settings.env.getOrDefault("JAVA_OPTS", System.getenv("JAVA_OPTS"));
        if (javaOpts != null && !javaOpts.isBlank()) {
            return List.of(javaOpts.trim().split("\\s+"));
        }
        return settings.jvmFlags;
    }

    private Map<String, String> environment(App app, String name, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PORT", String.valueOf(port));
        env.put("MONGO_URI", mongo.connectionString());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        env.put("CLERK_JWKS_URL", issuer.jwksUrl());
        env.put("CLERK_ISSUER", issuer.issuer());
        env.put("CLERK_AUTHORIZED_PARTIES", settings.frontendUrl);
        env.put("FRONTEND_URL", settings.frontendUrl);
        env.put("AGORA_APP_ID", DEV_AGORA_APP_ID);
        env.put("AGORA_APP_CERTIFICATE", DEV_AGORA_APP_CERTIFICATE);
        if (app != App.GATEWAY) {
            // readiness answers 503 this long before an instance stops: the gateway probes every 2 s
            env.put("ASTRO_WEB_SHUTDOWN_DRAIN", "3s");
        }
        if (app == App.CHAT) {
            // sids carry this address; the gateway routes long-polls back by it
            env.put("CHAT_INSTANCE_ID", name);
            env.put("CHAT_ADVERTISED_ADDRESS", "127.0.0.1:" + port);
            // chat asks presence for the online list; one URL (its setting is a single address)
            env.put("PRESENCE_URL", "http://127.0.0.1:" + settings.basePorts.get(App.PRESENCE));
        }
        if (app == App.GATEWAY) {
            env.put("SPRING_PROFILES_ACTIVE", "dev");
            env.put("DEV_ISSUER_URL", "http://127.0.0.1:" + issuer.port());
            for (App service : App.SERVICES) {
                env.put(service.urlVariable(), instanceUrls(service));
            }
        }
        settings.env.forEach((key, value) -> {
            if (!key.equals("JAVA_OPTS")) {
                env.put(key, value);
            }
        });
        return env;
    }

    /** The URLs the service's instances will listen on, comma separated (also for services started with 0 instances). */
    private String instanceUrls(App service) {
        int count = Math.max(1, settings.instances.get(service));
        List<String> urls = new ArrayList<>();
        for (int n = 0; n < count; n++) {
            urls.add("http://127.0.0.1:" + (settings.basePorts.get(service) + 10 * n));
        }
        return String.join(",", urls);
    }

    /**
     * Stops every child (in parallel, gracefully, then forcibly), then the infrastructure. Safe to call twice, and
     * from another thread while {@link #start()} runs (it does not wait for the start-up to end).
     */
    public void stop() {
        List<ChildApp> running;
        synchronized (lock) {
            if (stopped) {
                return;
            }
            stopped = true;
            running = List.copyOf(children);
        }
        stopAll(running);
        if (issuer != null) {
            issuer.close();
        }
        if (mongo != null) {
            mongo.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        Thread hook = shutdownHook;
        if (hook != null && !Thread.currentThread().equals(hook)) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (IllegalStateException alreadyShuttingDown) {
                // the JVM is exiting and runs this very hook
            }
        }
    }

    private void stopAll(List<ChildApp> running) {
        running.forEach(ChildApp::requestStop);
        running.forEach(child -> child.awaitStop(settings.stopGrace));
    }

    @Override
    public void close() {
        stop();
    }

    public String gatewayUrl() {
        return "http://localhost:" + settings.basePorts.get(App.GATEWAY);
    }

    /** Every running instance, in start-up order. */
    public List<ChildApp> instances() {
        synchronized (lock) {
            return List.copyOf(children);
        }
    }

    /** The instances of one application. */
    public List<ChildApp> instances(App app) {
        return instances().stream().filter(child -> child.app() == app).toList();
    }

    /** The base URLs of one application's instances. */
    public List<String> urls(App app) {
        return instances(app).stream().map(ChildApp::url).collect(Collectors.toList());
    }

    /** Mints tokens the whole stack accepts. */
    public DevIssuer issuer() {
        return issuer;
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** The well-known bootstrap address ({@code localhost:9092} by default) for tools and services run by hand. */
    public String kafkaFixedBootstrapServers() {
        return kafka.fixedBootstrapServers();
    }

    public String mongoUri() {
        return mongo.connectionString();
    }

    public Path root() {
        return settings.root;
    }

    /** How the stack is made up; every setting has the dev default. */
    public static final class Builder {

        private final Map<App, Integer> instances = new EnumMap<>(App.class);

        private final Map<App, Integer> basePorts = new EnumMap<>(App.class);

        private final Map<String, String> env = new LinkedHashMap<>();

        private Path root = RepositoryRoot.locate();

        private int kafkaPort = 9092;

        private int mongoPort = 27017;

        private int issuerPort = 8090;

        private int partitions = 4;

        private String frontendUrl = "http://localhost:3000";

        private List<String> jvmFlags = DEFAULT_JVM_FLAGS;

        private Duration readyTimeout = Duration.ofMinutes(3);

        private Duration stopGrace = Duration.ofSeconds(25);

        private Builder() {
            for (App app : App.values()) {
                instances.put(app, 1);
                basePorts.put(app, app.defaultPort());
            }
        }

        /** How many instances of an application run (0 leaves it out; the gateway runs at most one). */
        public Builder instances(App app, int count) {
            if (count < 0 || (app == App.GATEWAY && count > 1)) {
                throw new IllegalArgumentException("bad instance count " + count + " for " + app.module());
            }
            instances.put(app, count);
            return this;
        }

        /** Runs only these applications (the others get 0 instances). */
        public Builder only(App... apps) {
            for (App app : App.values()) {
                instances.put(app, 0);
            }
            for (App app : apps) {
                instances.put(app, 1);
            }
            return this;
        }

        /** The port of an application's first instance; further ones add 10 each. */
        public Builder basePort(App app, int port) {
            basePorts.put(app, port);
            return this;
        }

        /** Infrastructure ports (0 picks free ones, for tests next to a running dev stack). */
        public Builder infraPorts(int kafka, int mongo, int issuer) {
            this.kafkaPort = kafka;
            this.mongoPort = mongo;
            this.issuerPort = issuer;
            return this;
        }

        public Builder partitions(int partitions) {
            this.partitions = partitions;
            return this;
        }

        /** An environment variable for every application (overrides the stack's own). */
        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder frontendUrl(String url) {
            this.frontendUrl = url;
            return this;
        }

        public Builder jvmFlags(List<String> flags) {
            this.jvmFlags = List.copyOf(flags);
            return this;
        }

        public Builder readyTimeout(Duration timeout) {
            this.readyTimeout = timeout;
            return this;
        }

        public Builder stopGrace(Duration grace) {
            this.stopGrace = grace;
            return this;
        }

        /** The repository whose built jars are run (found from the working directory by default). */
        public Builder root(Path root) {
            this.root = root;
            return this;
        }

        public LocalStack build() {
            return new LocalStack(this);
        }
    }
}
