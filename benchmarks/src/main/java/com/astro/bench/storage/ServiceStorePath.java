package com.astro.bench.storage;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.reactivestreams.Publisher;
import org.springframework.data.mongodb.core.ReactiveMongoTemplate;

/**
 * chat-service's own {@code com.astro.chat.message.MessageStore}, loaded from its compiled classes (the service
 * jar is a Spring Boot fat jar, not a library) and driven exactly as {@code MessageService} drives it: one
 * {@code store(Draft)} per message on a {@link ReactiveMongoTemplate} over the same database. Whatever the
 * store does per message (dedup lookup, sequence number, insert, retry on a lost race) is what is timed.
 */
final class ServiceStorePath implements InsertPath {

    static final String STORE_CLASS = "com.astro.chat.message.MessageStore";

    private final Object store;

    private final Method storeMethod;

    private final Method ensureIndexes;

    private final Constructor<?> draftConstructor;

    private final RecordComponent[] draftComponents;

    private final MessageWorkload workload;

    private final Path classes;

    ServiceStorePath(Path chatClasses, ReactiveMongoTemplate template, MessageWorkload workload) throws Exception {
        if (!Files.isRegularFile(chatClasses.resolve(STORE_CLASS.replace('.', '/') + ".class"))) {
            throw new IllegalStateException("chat-service classes not found in " + chatClasses
                    + ": build chat-service first (mvn -pl chat-service install)");
        }
        this.classes = chatClasses;
        this.workload = workload;
        ClassLoader loader = new URLClassLoader(new URL[] { chatClasses.toUri().toURL() },
                ServiceStorePath.class.getClassLoader());
        Class<?> storeClass = Class.forName(STORE_CLASS, true, loader);
        Class<?> draftClass = Class.forName(STORE_CLASS + "$Draft", true, loader);
        this.store = storeClass.getConstructor(ReactiveMongoTemplate.class).newInstance(template);
        this.storeMethod = storeClass.getMethod("store", draftClass);
        this.ensureIndexes = storeClass.getMethod("ensureIndexes");
        this.draftComponents = draftClass.getRecordComponents();
        Class<?>[] types = new Class<?>[draftComponents.length];
        for (int i = 0; i < types.length; i++) {
            types[i] = draftComponents[i].getType();
        }
        this.draftConstructor = draftClass.getDeclaredConstructor(types);
        // fail now, not in the middle of a run, if the Draft record grew a component we cannot fill
        draft(0);
    }

    @Override
    public String name() {
        return "service-store";
    }

    @Override
    public String description() {
        return "chat-service's MessageStore.store(Draft) (loaded from " + classes
                + ") on a ReactiveMongoTemplate: exactly the service's storage code per message";
    }

    @Override
    public String collection() {
        return "messages";
    }

    @Override
    public Publisher<?> prepare() {
        return invoke(ensureIndexes);
    }

    @Override
    public Publisher<?> insert(long k) {
        return invoke(storeMethod, draft(k));
    }

    private Object draft(long k) {
        Map<String, Object> values = Map.of(
                "id", UUID.randomUUID().toString(),
                "sessionId", workload.sessionId(k),
                "senderId", workload.senderId(k),
                "senderRole", workload.senderRole(k),
                "text", workload.text(k),
                "clientMessageId", workload.clientMessageId(k),
                "sentAt", Instant.now());
        Object[] args = new Object[draftComponents.length];
        for (int i = 0; i < args.length; i++) {
            String name = draftComponents[i].getName();
            if (!values.containsKey(name)) {
                throw new IllegalStateException("MessageStore.Draft has a component '" + name
                        + "' the storage benchmark does not know: update ServiceStorePath");
            }
            args[i] = values.get(name);
        }
        try {
            return draftConstructor.newInstance(args);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("cannot build a MessageStore.Draft", ex);
        }
    }

    private Publisher<?> invoke(Method method, Object... args) {
        try {
            return (Publisher<?>) method.invoke(store, args);
        }
        catch (ReflectiveOperationException ex) {
            throw new IllegalStateException("calling MessageStore." + method.getName() + " failed", ex);
        }
    }
}
