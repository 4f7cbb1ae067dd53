package org.netmoe.llm;

import java.util.List;

/** Sends one chat exchange and returns the assistant's text; failures are thrown as they come. */
interface ChatBackend extends AutoCloseable {
    String complete(List<ChatMessage> messages, GateRequest request) throws Exception;

    @Override
    default void close() {
    }
}
