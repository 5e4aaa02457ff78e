package com.astro.common.store;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;

/** Every service creates its stores' indexes the same way ({@link IndexesAtStart}). */
@AutoConfiguration
public class IndexesAutoConfiguration {

    @Bean
    IndexesAtStart indexesAtStart(ObjectProvider<OwnIndexes> owners) {
        return new IndexesAtStart(owners);
    }
}
