package com.astro.chat.moderation;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ModerationProperties.class)
class ModerationConfiguration {

    @Bean
    ContactMasking contactMasking(ModerationProperties properties) {
        return new ContactMasking(properties.blockedWords());
    }
}
