package com.astro.gateway.apidocs;

import static org.springframework.web.reactive.function.server.RequestPredicates.GET;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.astro.gateway.routing.ServiceRegistry;

/**
 * The dev profile's API documentation: {@code /v3/api-docs} (every service's document merged, see
 * {@link MergedApiDocs}) and Swagger UI at {@code /swagger-ui.html} (assets under {@code /swagger-ui/}). Outside
 * the dev profile none of these paths exist. They are served before any route and cost proxied requests nothing.
 */
@Configuration(proxyBeanMethods = false)
@Profile("dev")
class ApiDocsConfiguration {

    @Bean
    MergedApiDocs mergedApiDocs(ServiceRegistry registry) {
        Map<String, String> services = new LinkedHashMap<>();
        for (String service : new String[] { ServiceRegistry.PRESENCE, ServiceRegistry.SESSION, ServiceRegistry.CHAT,
                ServiceRegistry.TOKEN }) {
            // a host name stands for all of a service's instances: any one serves the same document
            services.put(service, registry.urls(service).get(0));
        }
        return new MergedApiDocs(WebClient.create(), services);
    }

    @Bean
    RouterFunction<ServerResponse> apiDocsRoutes(MergedApiDocs docs) {
        ClassPathResource page = new ClassPathResource("apidocs/swagger-ui.html");
        return RouterFunctions.route(GET("/v3/api-docs"),
                        request -> docs.document().flatMap(document -> ServerResponse.ok()
                                .contentType(MediaType.APPLICATION_JSON).bodyValue(document)))
                .andRoute(GET("/swagger-ui.html"),
                        request -> ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page))
                .and(RouterFunctions.resources("/swagger-ui/**",
                        new ClassPathResource("META-INF/resources/webjars/swagger-ui/" + swaggerUiVersion() + "/")));
    }

    private static String swaggerUiVersion() {
        Properties properties = new Properties();
        try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties")
                .getInputStream()) {
            properties.load(in);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("The swagger-ui webjar is missing from the classpath", ex);
        }
        return properties.getProperty("version");
    }
}
