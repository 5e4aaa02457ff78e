package com.astro.common.health;

import java.time.Clock;
import java.time.Duration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension;
import org.springframework.boot.health.contributor.ReactiveHealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import com.mongodb.reactivestreams.client.MongoClient;

/**
 * Health contributors {@code mongoReachable} and {@code kafkaReachable} for the services' readiness groups
 * ({@code management.endpoint.health.group.readiness.include}): an instance that cannot reach its store or the
 * broker leaves the gateway's rotation until it can (the gateway still uses all instances when none is ready). The
 * gateway follows each service instance's readiness through {@link ReadinessEvents}.
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.data.mongodb.autoconfigure.DataMongoReactiveAutoConfiguration",
        "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration",
        "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration" })
@ConditionalOnClass(ReactiveHealthIndicator.class)
public class ReadinessAutoConfiguration {

    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** How long a broker that answered counts as reachable without being asked again. */
    private static final Duration KAFKA_RECHECK = Duration.ofSeconds(10);

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "com.mongodb.reactivestreams.client.MongoClient")
    @ConditionalOnBean(MongoClient.class)
    static class Mongo {

        @Bean
        ReactiveHealthIndicator mongoReachable(MongoClient client) {
            return new MongoReachable(client);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.kafka.core.KafkaAdmin")
    @ConditionalOnBean(KafkaAdmin.class)
    static class Kafka {

        @Bean
        BrokerCount readinessBrokerCount(KafkaAdmin admin) {
            return new BrokerCount(admin.getConfigurationProperties(), TIMEOUT);
        }

        @Bean
        ReactiveHealthIndicator kafkaReachable(BrokerCount brokers) {
            return new KafkaReachable(brokers, KAFKA_RECHECK, Clock.systemUTC());
        }
    }

    /** The services' readiness stream; not the gateway's, which has no store and which nothing probes. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnBean(type = { "com.mongodb.reactivestreams.client.MongoClient",
            "org.springframework.boot.health.actuate.endpoint.ReactiveHealthEndpointWebExtension" })
    static class Events {

        @Bean
        ReadinessEvents readinessEvents(ReactiveHealthEndpointWebExtension health, ApplicationAvailability availability) {
            return new ReadinessEvents(health, availability);
        }

        @Bean
        RouterFunction<ServerResponse> readinessEventsRoute(ReadinessEvents events) {
            return RouterFunctions.route(RequestPredicates.GET(ReadinessEvents.PATH), events::stream);
        }
    }
}
