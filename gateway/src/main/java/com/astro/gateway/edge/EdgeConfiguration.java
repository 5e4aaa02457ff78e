package com.astro.gateway.edge;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.astro.common.web.BodySizeLimit;
import com.astro.gateway.GatewayProperties;

/** What the edge does to every request before routing: CORS, size limit, error answers. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

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
