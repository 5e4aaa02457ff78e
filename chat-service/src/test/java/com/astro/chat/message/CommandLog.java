package com.astro.chat.message;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.astro.infra.TestInfra;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import com.mongodb.reactivestreams.client.MongoClient;
import com.mongodb.reactivestreams.client.MongoClients;

/** A client of the shared embedded Mongo server that notes the name of every command it sends (round trips, not timings). */
final class CommandLog {

    final List<String> commands = new CopyOnWriteArrayList<>();

    final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(TestInfra.shared().mongo().connectionString()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    commands.add(event.getCommandName());
                }
            })
            .build());
}
