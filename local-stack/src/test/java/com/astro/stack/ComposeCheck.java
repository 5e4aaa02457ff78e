package com.astro.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Checks docker-compose.yml against the Compose structure and against this repository, since no
 * Docker engine runs here to do it: every service built from the repository must name an existing
 * context, Dockerfile and Maven module, listen on the port its application.yml defaults to, and be
 * given only environment variables its application reads. So that {@code --scale} works for every service,
 * only the gateway may publish a host port, no built service may fix its container name, and the gateway
 * must reach each service through its Compose name (DNS answers with every instance). Files mounted from
 * the repository must exist.
 */
final class ComposeCheck {

    /** Variables read by something other than application.yml: the image's entrypoint and Spring Boot itself. */
    static final Set<String> ALWAYS_READ = Set.of("JAVA_OPTS", "SPRING_PROFILES_ACTIVE");

    private static final Set<String> TOP_LEVEL = Set.of("version", "name", "services", "networks", "volumes", "configs", "secrets", "include");

    private static final Set<String> SERVICE_KEYS = Set.of("image", "build", "environment", "env_file", "ports", "expose",
            "depends_on", "healthcheck", "volumes", "command", "entrypoint", "restart", "deploy", "networks", "labels",
            "container_name", "hostname", "user", "working_dir", "profiles", "ulimits", "logging", "stop_grace_period",
            "init", "mem_limit", "cpus", "extra_hosts");

    private static final Set<String> CONDITIONS = Set.of("service_started", "service_healthy", "service_completed_successfully");

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)");

    private static final Pattern PORT_DEFAULT = Pattern.compile("port:\\s*\\$\\{PORT:(\\d+)}");

    /** The one application that faces the public and so may publish a host port. */
    static final String EDGE_MODULE = "gateway";

    private static final Pattern LOCAL_PORT = Pattern.compile("localhost:(\\d+)");

    private static final Pattern SERVICE_URL = Pattern.compile("https?://([^:/,]+):(\\d+)");

    private final Path root;

    private final List<String> problems = new ArrayList<>();

    private ComposeCheck(Path root) {
        this.root = root;
    }

    /** Parses Compose text the way Compose does (YAML with anchors and merge keys). */
    static Object parse(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    /** Every problem found, as a sentence naming the service and key; empty when the file is sound. */
    static List<String> problems(Object compose, Path root) {
        ComposeCheck check = new ComposeCheck(root);
        check.checkFile(compose);
        return List.copyOf(check.problems);
    }

    private void checkFile(Object compose) {
        if (!(compose instanceof Map<?, ?> file)) {
            problems.add("the file is not a YAML mapping");
            return;
        }
        for (Object key : file.keySet()) {
            if (!TOP_LEVEL.contains(String.valueOf(key)) && !String.valueOf(key).startsWith("x-")) {
                problems.add("unknown top-level key '" + key + "'");
            }
        }
        if (!(file.get("services") instanceof Map<?, ?> services) || services.isEmpty()) {
            problems.add("'services' must be a non-empty mapping");
            return;
        }
        services.forEach((name, service) -> checkService(String.valueOf(name), service, services));
    }

    private void checkService(String name, Object value, Map<?, ?> services) {
        if (!(value instanceof Map<?, ?> service)) {
            problems.add(name + ": a service must be a mapping");
            return;
        }
        for (Object key : service.keySet()) {
            if (!SERVICE_KEYS.contains(String.valueOf(key)) && !String.valueOf(key).startsWith("x-")) {
                problems.add(name + ": unknown key '" + key + "'");
            }
        }
        if (!service.containsKey("image") && !service.containsKey("build")) {
            problems.add(name + ": needs 'image' or 'build'");
        }
        Map<String, String> env = environment(name, service.get("environment"));
        checkDependsOn(name, service.get("depends_on"), services);
        checkHealthcheck(name, service.get("healthcheck"));
        checkMounts(name, service.get("volumes"));
        if (service.get("build") != null) {
            checkBuiltService(name, service, env, services);
        }
    }

    /** A relative bind mount ({@code ./ops/...:/etc/...}) must name something in the repository. */
    private void checkMounts(String name, Object volumes) {
        for (Object volume : list(volumes)) {
            String text = String.valueOf(volume);
            if (text.startsWith("./") || text.startsWith("../")) {
                String source = text.substring(0, text.indexOf(':') < 0 ? text.length() : text.indexOf(':'));
                if (!Files.exists(root.resolve(source).normalize())) {
                    problems.add(name + ": mounts " + source + ", which does not exist");
                }
            }
        }
    }

    private Map<String, String> environment(String name, Object value) {
        Map<String, String> env = new LinkedHashMap<>();
        if (value == null) {
            return env;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, val) -> env.put(String.valueOf(key), val == null ? null : String.valueOf(val)));
        }
        else if (value instanceof List<?> list) {
            for (Object item : list) {
                String entry = String.valueOf(item);
                int eq = entry.indexOf('=');
                env.put(eq < 0 ? entry : entry.substring(0, eq), eq < 0 ? null : entry.substring(eq + 1));
            }
        }
        else {
            problems.add(name + ": 'environment' must be a mapping or a list");
        }
        return env;
    }

    private void checkDependsOn(String name, Object value, Map<?, ?> services) {
        if (value == null) {
            return;
        }
        Map<String, String> targets = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            list.forEach(target -> targets.put(String.valueOf(target), "service_started"));
        }
        else if (value instanceof Map<?, ?> map) {
            map.forEach((target, spec) -> {
                Object condition = spec instanceof Map<?, ?> specMap ? specMap.get("condition") : null;
                targets.put(String.valueOf(target), condition == null ? "service_started" : String.valueOf(condition));
            });
        }
        else {
            problems.add(name + ": 'depends_on' must be a list or a mapping");
            return;
        }
        targets.forEach((target, condition) -> {
            if (!services.containsKey(target)) {
                problems.add(name + ": depends on '" + target + "', which is not a service");
            }
            else if (!CONDITIONS.contains(condition)) {
                problems.add(name + ": unknown depends_on condition '" + condition + "'");
            }
            else if (condition.equals("service_healthy") && !(services.get(target) instanceof Map<?, ?> t && t.get("healthcheck") != null)) {
                problems.add(name + ": waits for '" + target + "' to be healthy, but it has no healthcheck");
            }
        });
    }

    private void checkHealthcheck(String name, Object value) {
        if (value == null) {
            return;
        }
        if (!(value instanceof Map<?, ?> check) || !(check.get("test") instanceof List<?> || check.get("test") instanceof String)) {
            problems.add(name + ": a healthcheck needs a 'test' (a list or a string)");
        }
    }

    private void checkBuiltService(String name, Map<?, ?> service, Map<String, String> env, Map<?, ?> services) {
        if (!(service.get("build") instanceof Map<?, ?> build)) {
            problems.add(name + ": 'build' must be a mapping with context, dockerfile and args.MODULE");
            return;
        }
        Path context = root.resolve(String.valueOf(build.get("context") == null ? "." : build.get("context"))).normalize();
        if (!Files.isDirectory(context)) {
            problems.add(name + ": build context " + context + " does not exist");
            return;
        }
        Object dockerfile = build.get("dockerfile") == null ? "Dockerfile" : build.get("dockerfile");
        if (!Files.isRegularFile(context.resolve(String.valueOf(dockerfile)))) {
            problems.add(name + ": Dockerfile " + dockerfile + " does not exist in " + context);
        }
        Object module = build.get("args") instanceof Map<?, ?> args ? args.get("MODULE") : null;
        if (module == null) {
            problems.add(name + ": build.args.MODULE must name the Maven module to build");
            return;
        }
        Path moduleDir = context.resolve(String.valueOf(module));
        if (!Files.isRegularFile(moduleDir.resolve("pom.xml")) || !rootModules(context).contains(String.valueOf(module))) {
            problems.add(name + ": module '" + module + "' is not a module of the build");
            return;
        }
        String applicationYml = read(moduleDir.resolve("src/main/resources/application.yml"));
        if (applicationYml == null) {
            problems.add(name + ": module '" + module + "' has no src/main/resources/application.yml to read its settings from");
            return;
        }
        checkPorts(name, service, env, applicationYml);
        checkScalable(name, service, String.valueOf(module));
        if (EDGE_MODULE.equals(module)) {
            checkServiceUrls(name, env, services);
        }
        Set<String> read = placeholders(applicationYml);
        for (String variable : env.keySet()) {
            if (!read.contains(variable) && !ALWAYS_READ.contains(variable)) {
                problems.add(name + ": sets " + variable + ", which " + module + " does not read (not in its application.yml)");
            }
        }
    }

    private void checkPorts(String name, Map<?, ?> service, Map<String, String> env, String applicationYml) {
        Matcher matcher = PORT_DEFAULT.matcher(applicationYml);
        if (!matcher.find()) {
            problems.add(name + ": its application.yml has no 'port: ${PORT:<default>}'");
            return;
        }
        String port = matcher.group(1);
        if (env.containsKey("PORT") && !port.equals(env.get("PORT"))) {
            problems.add(name + ": PORT " + env.get("PORT") + " differs from the application's default " + port);
        }
        // MANAGEMENT_PORT moves health and metrics to a port of their own (the gateway's, kept off the public one)
        Set<String> listening = new LinkedHashSet<>(List.of(port));
        if (env.get("MANAGEMENT_PORT") != null) {
            listening.add(env.get("MANAGEMENT_PORT"));
        }
        String health = env.getOrDefault("MANAGEMENT_PORT", port);
        String ports = String.join(" and ", listening);
        for (Object mapping : list(service.get("ports"))) {
            String text = String.valueOf(mapping);
            String container = text.substring(text.lastIndexOf(':') + 1).replaceAll("/.*", "");
            if (!listening.contains(container)) {
                problems.add(name + ": publishes container port " + container + " but the application listens on " + ports);
            }
            else if (container.equals(env.get("MANAGEMENT_PORT"))) {
                problems.add(name + ": publishes its management port " + container + "; health and metrics must stay inside");
            }
        }
        for (Object exposed : list(service.get("expose"))) {
            if (!listening.contains(String.valueOf(exposed).replaceAll("/.*", ""))) {
                problems.add(name + ": exposes " + exposed + " but the application listens on " + ports);
            }
        }
        if (service.get("healthcheck") instanceof Map<?, ?> check) {
            Matcher called = LOCAL_PORT.matcher(String.valueOf(check.get("test")));
            if (called.find() && !called.group(1).equals(health)) {
                problems.add(name + ": healthcheck calls port " + called.group(1) + " but health is served on " + health);
            }
        }
    }

    /** Two instances cannot both bind one host port or share one container name. */
    private void checkScalable(String name, Map<?, ?> service, String module) {
        if (!EDGE_MODULE.equals(module) && !list(service.get("ports")).isEmpty()) {
            problems.add(name + ": publishes host ports " + service.get("ports")
                    + ", so it cannot be scaled (only the gateway publishes one; use 'expose')");
        }
        if (service.get("container_name") != null) {
            problems.add(name + ": a fixed container_name stops it from being scaled");
        }
    }

    /** The gateway must find every instance by the service's Compose name, on the port that service listens on. */
    private void checkServiceUrls(String name, Map<String, String> env, Map<?, ?> services) {
        for (String variable : List.of("PRESENCE_URL", "SESSION_URL", "CHAT_URL", "TOKEN_URL")) {
            Matcher url = SERVICE_URL.matcher(String.valueOf(env.get(variable)));
            if (!url.matches()) {
                problems.add(name + ": " + variable + " must be http://<service>:<port>, one name for all instances");
                continue;
            }
            String host = url.group(1);
            if (!(services.get(host) instanceof Map<?, ?> target)) {
                problems.add(name + ": " + variable + " names " + host + ", which is not a service");
                continue;
            }
            String port = environment(host, target.get("environment")).get("PORT");
            if (!url.group(2).equals(port)) {
                problems.add(name + ": " + variable + " calls " + host + " on port " + url.group(2) + " but it listens on " + port);
            }
        }
    }

    private static Collection<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    private static Set<String> placeholders(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = PLACEHOLDER.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    private static Set<String> rootModules(Path context) {
        String pom = read(context.resolve("pom.xml"));
        Set<String> modules = new LinkedHashSet<>();
        if (pom != null) {
            Matcher matcher = Pattern.compile("<module>([^<]+)</module>").matcher(pom);
            while (matcher.find()) {
                modules.add(matcher.group(1).trim());
            }
        }
        return modules;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file) : null;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
