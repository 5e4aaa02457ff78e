package com.astro.socketio.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RoomsTest {

    private static List<Socket> sockets(int count) {
        List<Socket> sockets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sockets.add(new Socket(null, null, null, Map.of()));
        }
        return sockets;
    }

    @Test
    void concurrentJoinsAndLeavesKeepExactMembershipAndDropEmptyRooms() throws Exception {
        Rooms rooms = new Rooms();
        List<Socket> sockets = sockets(2_000);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            // every socket joins "stay" and "churn", then leaves "churn", all at once from 8 threads
            CompletableFuture.allOf(sockets.stream().map(socket -> CompletableFuture.runAsync(() -> {
                rooms.add("stay", socket);
                rooms.add("churn", socket);
                rooms.remove("churn", socket);
            }, pool)).toArray(CompletableFuture[]::new)).join();
        }
        finally {
            pool.shutdown();
        }
        assertThat(rooms.members("stay")).hasSize(2_000);
        assertThat(rooms.members("churn")).isEmpty();
        assertThat(rooms.names()).containsExactly("stay");
    }

    @Test
    void aJoinRacingTheLastLeaveIsNeverLost() throws Exception {
        Rooms rooms = new Rooms();
        List<Socket> sockets = sockets(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 2_000; round++) {
                rooms.add("r", sockets.get(0));
                CompletableFuture<Void> leave = CompletableFuture.runAsync(() -> rooms.remove("r", sockets.get(0)), pool);
                CompletableFuture<Void> join = CompletableFuture.runAsync(() -> rooms.add("r", sockets.get(1)), pool);
                CompletableFuture.allOf(leave, join).join();
                assertThat(rooms.members("r")).containsExactly(sockets.get(1));
                rooms.remove("r", sockets.get(1));
                assertThat(rooms.names()).isEmpty();
            }
        }
        finally {
            pool.shutdown();
        }
    }
}
