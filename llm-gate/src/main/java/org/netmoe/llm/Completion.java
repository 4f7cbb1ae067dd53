package org.netmoe.llm;

import java.util.Objects;

/** A backend's answer: the assistant's text and the tokens the exchange spent ({@link Tokens#NONE} if unknown). */
record Completion(String text, Tokens tokens) {
    Completion {
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(tokens, "tokens");
    }
}
