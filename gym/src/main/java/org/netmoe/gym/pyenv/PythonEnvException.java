package org.netmoe.gym.pyenv;

/** A Python env failed: it raised (message: the exception's type and first line) or its worker ended. */
public final class PythonEnvException extends IllegalStateException {
    public PythonEnvException(String message) {
        super(message);
    }
}
