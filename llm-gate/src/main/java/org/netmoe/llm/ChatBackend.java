package org.netmoe.llm;

import java.util.List;

/** Sends one chat exchange and returns the assistant's text and token counts; failures are thrown as they come. */
interface ChatBackend extends AutoCloseable {
    Completion complete(List<ChatMessage> messages, GateRequest request) throws Exception;

    @Override
    default void close() {
    }
}
