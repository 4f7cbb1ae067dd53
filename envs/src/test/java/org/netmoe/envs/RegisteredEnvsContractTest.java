package org.netmoe.envs;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The env checker over every env in the standard registry, with its default parameters. */
class RegisteredEnvsContractTest {

    static Stream<EnvSpec<?>> registered() {
        return EnvRegistry.standard().specs().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("registered")
    void everyRegisteredEnvPassesTheEnvChecker(EnvSpec<?> spec) {
        EnvChecker.check(spec::make);
    }

    @org.junit.jupiter.api.Test
    void registryIsNotEmpty() {
        assertFalse(EnvRegistry.standard().ids().isEmpty());
    }
}
