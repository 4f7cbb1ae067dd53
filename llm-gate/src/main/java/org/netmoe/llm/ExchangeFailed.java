package org.netmoe.llm;

/** An exchange that produced no answer; its message is the reason, {@link #millis} the model time it still took. */
final class ExchangeFailed extends Exception {
    private final long millis;

    ExchangeFailed(String message, long millis) {
        super(message);
        this.millis = millis;
    }

    long millis() {
        return millis;
    }
}
