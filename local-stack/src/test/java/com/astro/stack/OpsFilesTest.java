package com.astro.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The monitoring files under {@code ops/} against docker-compose.yml and the code: Prometheus must scrape every
 * application where it serves its metrics, and the Grafana dashboard may only chart meters the code registers.
 */
class OpsFilesTest {

    private static final Path ROOT = RepositoryRoot.locate();

    private static final Pattern METER_NAME = Pattern.compile("(?:Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\"([a-z.]+)\"");

    private static final Pattern DOMAIN_SERIES = Pattern.compile("\\b((?:chat|sessions|wallet|presence)_[a-z_]+)");

    private static String read(String path) {
        try {
            return Files.readString(ROOT.resolve(path));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(String path) {
        return (Map<String, Object>) ComposeCheck.parse(read(path));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() {
        return (Map<String, Map<String, Object>>) yaml("docker-compose.yml").get("services");
    }

    /** job name → "name:port metrics_path" as Prometheus would find it by DNS. */
    @SuppressWarnings("unchecked")
    private static Map<String, String> scrapeTargets() {
        List<Map<String, Object>> jobs = (List<Map<String, Object>>) yaml("ops/prometheus/prometheus.yml").get("scrape_configs");
        return jobs.stream().collect(Collectors.toMap(job -> (String) job.get("job_name"), job -> {
            Map<String, Object> dns = ((List<Map<String, Object>>) job.get("dns_sd_configs")).get(0);
            return ((List<String>) dns.get("names")).get(0) + ":" + dns.get("port") + " " + job.get("metrics_path");
        }));
    }

    @SuppressWarnings("unchecked")
    private static List<String> dashboardQueries() {
        Map<String, Object> dashboard = yaml("ops/grafana/dashboards/astro-live.json");
        return ((List<Map<String, Object>>) dashboard.get("panels")).stream()
                .flatMap(panel -> ((List<Map<String, Object>>) panel.get("targets")).stream())
                .map(target -> (String) target.get("expr")).toList();
    }

    /** Micrometer names registered in the applications' code, in Prometheus form (dots become underscores). */
    private static Set<String> registeredMeters() throws IOException {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(file -> file.toString().endsWith(".java") && file.toString().contains("/src/main/")
                    && !file.toString().contains("/node_modules/"))
                    .flatMap(file -> {
                        Matcher matcher = METER_NAME.matcher(read(ROOT.relativize(file).toString()));
                        return matcher.results().map(result -> result.group(1).replace('.', '_'));
                    })
                    .collect(Collectors.toSet());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryBuiltServiceByDnsWhereItServesMetrics() {
        Map<String, String> targets = scrapeTargets();
        composeServices().forEach((name, service) -> {
            if (service.get("build") == null) {
                return;
            }
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            Object port = env.getOrDefault("MANAGEMENT_PORT", env.get("PORT"));
            assertThat(targets).as(name).containsEntry(name, name + ":" + port + " /actuator/prometheus");
        });
    }

    @Test
    void prometheusAndGrafanaRunInTheObservabilityProfileWithTheFilesUnderOps() {
        Map<String, Map<String, Object>> services = composeServices();
        assertThat(services.get("prometheus").get("profiles")).isEqualTo(List.of("observability"));
        assertThat(services.get("grafana").get("profiles")).isEqualTo(List.of("observability"));
        assertThat(services.get("prometheus").get("volumes").toString()).contains("./ops/prometheus/prometheus.yml:");
        assertThat(services.get("grafana").get("volumes").toString()).contains("./ops/grafana/provisioning:",
                "./ops/grafana/dashboards:");
    }

    @Test
    void grafanaIsProvisionedWithThePrometheusDataSourceAndTheDashboardFolder() {
        assertThat(read("ops/grafana/provisioning/datasources/prometheus.yml")).contains("url: http://prometheus:9090");
        assertThat(read("ops/grafana/provisioning/dashboards/astro-live.yml")).contains("path: /var/lib/grafana/dashboards");
    }

    @Test
    void everyDashboardPanelHasAQuery() {
        assertThat(dashboardQueries()).isNotEmpty().allSatisfy(query -> assertThat(query).isNotBlank());
    }

    @Test
    void everyDomainSeriesTheDashboardChartsIsRegisteredInTheCode() throws IOException {
        Set<String> meters = registeredMeters();
        List<String> charted = dashboardQueries().stream()
                .flatMap(query -> DOMAIN_SERIES.matcher(query).results().map(result -> result.group(1))).toList();

        assertThat(charted).isNotEmpty().allSatisfy(series -> assertThat(meters)
                .as(series + " is charted but no meter of that name is registered")
                .anyMatch(series::startsWith));
    }
}
