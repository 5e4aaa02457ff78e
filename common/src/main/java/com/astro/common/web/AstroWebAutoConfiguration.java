package com.astro.common.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.codec.CodecCustomizer;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.error.ErrorWebFluxAutoConfiguration;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;

/**
 * The web conventions of every WebFlux service: problem details for every error, request ids in
 * logs, an access log line per request and a request body size limit. The gateway gets the logging
 * parts; it has its own error handler and body limit for proxied traffic.
 */
@AutoConfiguration(before = { WebFluxAutoConfiguration.class, ErrorWebFluxAutoConfiguration.class })
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@EnableConfigurationProperties(AstroWebProperties.class)
public class AstroWebAutoConfiguration {

    public AstroWebAutoConfiguration() {
        RequestIdLogging.install();
        DroppedErrors.install();
    }

    /** A service only logs the id; the gateway declares its own that also forwards it. */
    @Bean
    @ConditionalOnMissingBean
    RequestIds requestIds() {
        return new RequestIds(false);
    }

    @Bean
    @ConditionalOnProperty(name = "astro.web.access-log", havingValue = "true", matchIfMissing = true)
    AccessLog accessLog() {
        return new AccessLog();
    }

    @Bean
    ShutdownDrain shutdownDrain(AstroWebProperties properties, ApplicationContext context) {
        return new ShutdownDrain(properties.shutdownDrain(), context);
    }

    @Bean
    @ConditionalOnMissingBean(ResponseEntityExceptionHandler.class)
    ProblemDetailsAdvice problemDetailsAdvice() {
        return new ProblemDetailsAdvice();
    }

    @Bean
    @ConditionalOnMissingBean(ErrorWebExceptionHandler.class)
    ProblemDetailsFallback problemDetailsFallback() {
        return new ProblemDetailsFallback();
    }

    /** A service's own limit; an application that declares its own (the gateway's, for proxied bodies) keeps it. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingBean(BodySizeLimit.class)
    static class BodyLimitConfiguration {

        @Bean
        BodySizeLimit bodySizeLimit(AstroWebProperties properties) {
            return BodySizeLimit.forService(properties.maxBodyBytes().toBytes());
        }

        /** Also caps what the JSON decoder buffers, whatever the transfer encoding. */
        @Bean
        @Order(Ordered.LOWEST_PRECEDENCE)
        CodecCustomizer astroMaxInMemorySize(AstroWebProperties properties) {
            return configurer -> configurer.defaultCodecs().maxInMemorySize((int) properties.maxBodyBytes().toBytes());
        }
    }
}
