package org.netmoe.training.config;

/**
 * A bad config file, field or override. The message is one line naming the field's path, the bad
 * value and what is allowed, e.g. {@code env.params.distance must be > 0 and finite, was -1.0}.
 */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
