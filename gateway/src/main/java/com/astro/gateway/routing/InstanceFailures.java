package com.astro.gateway.routing;

import java.net.ConnectException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.client.ServiceInstance;
import org.springframework.cloud.client.loadbalancer.CompletionContext;
import org.springframework.cloud.client.loadbalancer.LoadBalancerLifecycle;
import org.springframework.cloud.client.loadbalancer.Request;
import org.springframework.cloud.client.loadbalancer.RequestDataContext;
import org.springframework.cloud.client.loadbalancer.Response;
import org.springframework.cloud.client.loadbalancer.ResponseData;

/**
 * The passive half of instance health: a connection refused by an instance takes it out of the rotation
 * at once, without waiting for its next readiness probe (which puts it back when it answers again).
 * Only a refused connection counts: a slow or failing answer says nothing about the next request.
 */
final class InstanceFailures implements LoadBalancerLifecycle<RequestDataContext, ResponseData, ServiceInstance> {

    private static final Logger log = LoggerFactory.getLogger(InstanceFailures.class);

    private final ServiceRegistry registry;

    InstanceFailures(ServiceRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean supports(Class requestContextClass, Class responseClass, Class serverTypeClass) {
        return RequestDataContext.class.isAssignableFrom(requestContextClass)
                && ResponseData.class.isAssignableFrom(responseClass)
                && ServiceInstance.class.isAssignableFrom(serverTypeClass);
    }

    @Override
    public void onComplete(CompletionContext<ResponseData, ServiceInstance, RequestDataContext> completion) {
        Throwable error = completion.getThrowable();
        Response<ServiceInstance> chosen = completion.getLoadBalancerResponse();
        if (completion.status() != CompletionContext.Status.FAILED || chosen == null || !chosen.hasServer()
                || !(error instanceof ConnectException || error != null && error.getCause() instanceof ConnectException)) {
            return;
        }
        ServiceInstances instances = registry.get(chosen.getServer().getServiceId());
        Instance instance = instances == null ? null : InstanceLoadBalancer.instanceOf(instances, chosen.getServer());
        if (instance != null) {
            refused(instances, instance);
        }
    }

    /** Takes an instance that refused a connection out of the rotation (also for {@link PollingProxy}). */
    static void refused(ServiceInstances instances, Instance instance) {
        if (instances.markUnusable(instance)) {
            log.warn("{} {} refused a connection: out of the rotation until its readiness answers", instances.service(),
                    instance.authority());
        }
    }

    @Override
    public void onStart(Request<RequestDataContext> request) {
    }

    @Override
    public void onStartRequest(Request<RequestDataContext> request, Response<ServiceInstance> response) {
    }
}
