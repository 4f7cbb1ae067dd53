package org.netmoe.training.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import org.netmoe.training.config.ConfigException;
import org.netmoe.training.config.ConfigLoader;

/**
 * The {@code --set} overrides of a command that takes only env parameters ({@code check-env}, {@code nsp-curves}):
 * {@code env.params.FIELD=VALUE} or the short form {@code env.FIELD=VALUE}, bound over the env's defaults as a
 * config's {@code env.params} would be.
 */
final class EnvParamOverrides {
    private EnvParamOverrides() {
    }

    /**
     * Binds {@code overrides} over {@code defaults}.
     *
     * @param command the command's name, for the one-line error on an override that is not an env parameter
     * @throws ConfigException on an override outside {@code env.} or a value the env's config rejects
     */
    static <C extends Record> C bind(C defaults, List<String> overrides, String command) {
        List<String> canonical = new ArrayList<>();
        for (String o : overrides) {
            if (!o.startsWith("env.")) {
                throw new ConfigException("--set " + o + ": " + command
                        + " takes only env parameters (env.params.FIELD=VALUE)");
            }
            canonical.add(o.startsWith("env.params.") ? o : "env.params." + o.substring("env.".length()));
        }
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        ConfigLoader.applyOverrides(tree, canonical);
        JsonNode params = tree.path("env").path("params");
        return ConfigLoader.bindOver(defaults, params.isMissingNode() ? null : params, "env.params");
    }
}
