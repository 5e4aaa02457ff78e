package com.astro.chat;

import java.util.List;

import com.astro.infra.TestInfra;
import com.astro.infra.TopicRecords;

/** Reads a whole topic from the embedded broker, the way an outside consumer (presence-service, analytics) would. */
final class TopicReader {

    private TopicReader() {
    }

    static List<String> values(String topic) {
        return TopicRecords.values(TestInfra.shared().kafka().bootstrapServers(), topic);
    }
}
