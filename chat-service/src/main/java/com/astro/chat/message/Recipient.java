package com.astro.chat.message;

/** A socket that has joined a session room and receives its messages. */
public interface Recipient {

    /** Unique per connection. */
    String id();

    /** Hands one message to the client; must not block. */
    void receive(MessageView message);
}
