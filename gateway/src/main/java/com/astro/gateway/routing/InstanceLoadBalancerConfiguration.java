package com.astro.gateway.routing;

import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;
import org.springframework.cloud.loadbalancer.support.LoadBalancerClientFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The per-service configuration Spring Cloud LoadBalancer instantiates in each service's own child
 * context (named after the service): our balancer over the registry's instances of that service.
 * Deliberately not a {@code @Configuration}: component scanning would put it into the gateway's own
 * context too, where no service name is set.
 */
class InstanceLoadBalancerConfiguration {

    @Bean
    ReactorServiceInstanceLoadBalancer instanceLoadBalancer(Environment environment, ServiceRegistry registry) {
        String service = LoadBalancerClientFactory.getName(environment);
        ServiceInstances instances = registry.get(service);
        if (instances == null) {
            throw new IllegalStateException("no instances configured for " + service);
        }
        return new InstanceLoadBalancer(instances);
    }
}
