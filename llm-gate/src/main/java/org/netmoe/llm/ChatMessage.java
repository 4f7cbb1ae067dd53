package org.netmoe.llm;

import java.util.Objects;

/**
 * One chat message as sent to the endpoint and kept in the transcript.
 *
 * @param role    {@code system}, {@code user} or {@code assistant}
 * @param content the text
 */
public record ChatMessage(String role, String content) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        if (!role.equals("system") && !role.equals("user") && !role.equals("assistant")) {
            throw new IllegalArgumentException("chat message role must be system, user or assistant, was " + role);
        }
    }
}
