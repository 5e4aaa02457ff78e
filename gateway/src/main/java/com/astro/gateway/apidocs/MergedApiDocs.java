package com.astro.gateway.apidocs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;

import com.astro.common.event.EventJson;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One OpenAPI document for the whole API, as a frontend generates its client from: each service's own
 * {@code /v3/api-docs} (fetched from one of its instances on every call) merged into paths, tags and components.
 * Components the services share by name and content (ProblemDetail, the error responses, the bearer scheme)
 * appear once; a schema two services name alike but define differently is kept per service
 * ({@code session-service.Name}, references rewritten). A service that does not answer is left out and named
 * in {@code x-unavailable-services}. The servers entry is the gateway itself.
 */
final class MergedApiDocs {

    static final String UNAVAILABLE = "x-unavailable-services";

    private static final Logger log = LoggerFactory.getLogger(MergedApiDocs.class);

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String COMPONENTS_PREFIX = "#/components/";

    private final WebClient client;

    private final Map<String, String> serviceUrls;

    /** @param serviceUrls service name to the base URL of one of its instances, in the order to merge */
    MergedApiDocs(WebClient client, Map<String, String> serviceUrls) {
        this.client = client;
        this.serviceUrls = serviceUrls;
    }

    Mono<ObjectNode> document() {
        return Flux.fromIterable(serviceUrls.entrySet())
                .concatMap(service -> client.get().uri(service.getValue() + "/v3/api-docs").retrieve()
                        .bodyToMono(JsonNode.class).timeout(TIMEOUT)
                        .map(doc -> new ServiceDoc(service.getKey(), doc))
                        .onErrorResume(ex -> {
                            log.warn("No OpenAPI document from {} at {}: {}", service.getKey(), service.getValue(),
                                    ex.toString());
                            return Mono.just(new ServiceDoc(service.getKey(), null));
                        }))
                .collectList().map(MergedApiDocs::merge);
    }

    static ObjectNode merge(List<ServiceDoc> docs) {
        ObjectNode merged = EventJson.mapper().createObjectNode();
        merged.put("openapi", "3.1.0");
        merged.putObject("info").put("title", "astro-live API").put("version", "v1").put("description",
                "Every REST API of astro-live through the gateway, merged from each service's own document. "
                        + "Errors are application/problem+json (schema ProblemDetail). Dev stack: get a token "
                        + "from POST /dev/tokens and use Authorize.");
        merged.putArray("servers").addObject().put("url", "/").put("description", "the gateway");
        ArrayNode tags = merged.putArray("tags");
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        ArrayNode unavailable = merged.putArray(UNAVAILABLE);
        Set<String> tagNames = new HashSet<>();
        for (ServiceDoc service : docs) {
            if (service.document() == null) {
                unavailable.add(service.name());
                continue;
            }
            JsonNode doc = service.document().deepCopy();
            renameClashes(service.name(), doc, components);
            if (doc.has("security") && !merged.has("security")) {
                merged.set("security", doc.get("security"));
            }
            for (JsonNode tag : doc.path("tags")) {
                if (tagNames.add(tag.path("name").asString())) {
                    tags.add(tag);
                }
            }
            for (Map.Entry<String, JsonNode> path : doc.path("paths").properties()) {
                if (paths.has(path.getKey())) {
                    log.warn("Path {} of {} is already documented by another service", path.getKey(), service.name());
                    continue;
                }
                paths.set(path.getKey(), path.getValue());
            }
            for (Map.Entry<String, JsonNode> section : doc.path("components").properties()) {
                ObjectNode target = components.has(section.getKey()) ? (ObjectNode) components.get(section.getKey())
                        : components.putObject(section.getKey());
                for (Map.Entry<String, JsonNode> component : section.getValue().properties()) {
                    if (!target.has(component.getKey())) {
                        target.set(component.getKey(), component.getValue());
                    }
                }
            }
        }
        if (unavailable.isEmpty()) {
            merged.remove(UNAVAILABLE);
        }
        return merged;
    }

    /** Components of this service named like a different one already merged get the service's name in front. */
    private static void renameClashes(String service, JsonNode doc, ObjectNode merged) {
        List<String[]> renamed = new ArrayList<>();
        JsonNode components = doc.path("components");
        for (Map.Entry<String, JsonNode> section : components.properties()) {
            JsonNode existing = merged.path(section.getKey());
            ObjectNode own = (ObjectNode) section.getValue();
            for (String name : new ArrayList<>(own.propertyNames())) {
                if (existing.has(name) && !existing.get(name).equals(own.get(name))) {
                    String newName = service + "." + name;
                    own.set(newName, own.remove(name));
                    renamed.add(new String[] { COMPONENTS_PREFIX + section.getKey() + "/" + name,
                            COMPONENTS_PREFIX + section.getKey() + "/" + newName });
                }
            }
        }
        if (!renamed.isEmpty()) {
            rewriteRefs(doc, renamed);
        }
    }

    private static void rewriteRefs(JsonNode node, List<String[]> renamed) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString()) {
                for (String[] rename : renamed) {
                    if (ref.asString().equals(rename[0])) {
                        object.put("$ref", rename[1]);
                    }
                }
            }
        }
        for (JsonNode child : node) {
            rewriteRefs(child, renamed);
        }
    }

    record ServiceDoc(String name, JsonNode document) {
    }
}
