package com.astro.gateway.routing;

import org.springframework.cloud.client.DefaultServiceInstance;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.DefaultResponse;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.loadbalancer.core.ReactorServiceInstanceLoadBalancer;

import reactor.core.publisher.Mono;

/**
 * Spring Cloud LoadBalancer's choice of instance for one service: the instance an Engine.IO session
 * lives on when {@link StickySessionFilter} pinned one (usable or not: its sockets are there), else
 * the next usable instance in turn.
 */
final class InstanceLoadBalancer implements ReactorServiceInstanceLoadBalancer {

    private final ServiceInstances instances;

    InstanceLoadBalancer(ServiceInstances instances) {
        this.instances = instances;
    }

    @Override
    public Mono<Response<ServiceInstance>> choose(Request request) {
        Instance chosen = null;
        if (request.getContext() instanceof RequestDataContext context && context.getClientRequest() != null
                && context.getClientRequest().getAttributes().get(StickySessionFilter.OWNER_ATTRIBUTE) instanceof Instance owner) {
            chosen = owner;
        }
        if (chosen == null) {
            chosen = instances.next();
        }
        return Mono.just(new DefaultResponse(serviceInstance(chosen)));
    }

    private ServiceInstance serviceInstance(Instance instance) {
        return new DefaultServiceInstance(instance.authority(), instances.service(), instance.host(), instance.port(),
                "https".equals(instance.scheme()));
    }

    /** The instance a {@link ServiceInstance} chosen here stands for (its id is the authority). */
    static Instance instanceOf(ServiceInstances instances, ServiceInstance chosen) {
        return instances.byAuthority(chosen.getInstanceId()).orElse(null);
    }
}
