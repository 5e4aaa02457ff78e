package com.astro.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.astro.common.web.BodySizeLimit;
import com.astro.common.web.RequestIds;
import com.astro.gateway.GatewayProperties;

/** What the edge does to every request before routing: CORS, size limit, error answers. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

    /** The id goes on to the service in the request's headers, so one id follows the request through both logs. */
    @Bean
    RequestIds requestIds() {
        return new RequestIds(true);
    }

    @Bean
    EdgeCors edgeCors(GatewayProperties properties) {
        return new EdgeCors(properties.allowedOrigins());
    }

    @Bean
    BodySizeLimit bodySizeLimit(GatewayProperties properties) {
        return BodySizeLimit.atEdge(properties.maxBodySize().toBytes());
    }

    @Bean
    GatewayErrors gatewayErrors() {
        return new GatewayErrors();
    }
}
