package org.netmoe.sweep;

import java.util.Arrays;
import java.util.stream.Stream;
import org.netmoe.training.cli.NetMoe;

/**
 * The main class for {@code spark-submit}: {@code spark-submit --class org.netmoe.sweep.SweepMain
 * ... netmoe-sweep.jar FILE [sweep options]} runs {@code netmoe sweep FILE ...} with the master
 * spark-submit set.
 */
public final class SweepMain {
    private SweepMain() {
    }

    public static void main(String[] args) {
        System.exit(NetMoe.commandLine().execute(Stream.concat(Stream.of("sweep"), Arrays.stream(args))
                .toArray(String[]::new)));
    }
}
