package org.netmoe.training.cli;

import picocli.CommandLine.Command;

/** {@code netmoe nsp-curves}: OP, DR, TP (and BEP) of nsp-power at each transmit power, as CSV. */
@Command(name = "nsp-curves", mixinStandardHelpOptions = true,
        description = "Print CSV power,op,dr,tp[,bep] of nsp-power for the paper's defaults or the given overrides.")
final class NspCurvesCommand implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("nsp-curves is wired once nsp-power lands");
    }
}
