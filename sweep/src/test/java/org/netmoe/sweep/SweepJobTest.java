package org.netmoe.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.netmoe.training.config.ConfigException;

/** The job's master and what a cluster's executors get from the driver. */
class SweepJobTest {
    private static final String CLUSTER = "spark://10.0.0.1:7077";

    private static SparkConf submitted(String master) {
        SparkConf conf = new SparkConf(false);
        return master == null ? conf : conf.set("spark.master", master);
    }

    @Test
    void masterIsTheFlagThenSparkSubmitsThenTheSweepFilesThenLocalStar() {
        assertEquals(CLUSTER, SweepJob.master(CLUSTER, submitted("yarn"), "local[2]", 3));
        assertEquals("yarn", SweepJob.master(null, submitted("yarn"), "local[2]", 3));
        assertEquals("local[2,3]", SweepJob.master(null, submitted(null), "local[2]", 3));
        assertEquals("local[*,3]", SweepJob.master(null, submitted(null), null, 3));
    }

    @Test
    void localMasterGetsTheFailureCountUnlessItHasOne() {
        assertEquals("local[1,2]", SweepJob.master("local", submitted(null), null, 2));
        assertEquals("local[4,2]", SweepJob.master("local[4]", submitted(null), null, 2));
        assertEquals("local[4,5]", SweepJob.master("local[4,5]", submitted(null), null, 2));
    }

    @Test
    void clusterExecutorsGetTheSweepJarItsClasspathAndThePinnedEnvironment(@TempDir Path tmp) throws Exception {
        Path jar = Files.writeString(tmp.resolve("netmoe-sweep-0.1.0.jar"), "jar");
        Files.writeString(tmp.resolve("classpath.txt"), "/m2/a.jar:/m2/b.jar\n");
        SparkConf conf = submitted(CLUSTER);
        SweepJob.configureExecutors(conf, Map.of("OPENBLAS_CORETYPE", "SkylakeX"), jar);
        assertEquals(jar + ",/m2/a.jar,/m2/b.jar", conf.get("spark.jars"));
        assertEquals("1", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals("SkylakeX", conf.get("spark.executorEnv.OPENBLAS_CORETYPE"));

        SparkConf unpinned = submitted(CLUSTER);
        SweepJob.configureExecutors(unpinned, Map.of(), jar);
        assertEquals(SweepJob.DEFAULT_OPENBLAS_CORETYPE, unpinned.get("spark.executorEnv.OPENBLAS_CORETYPE"));
    }

    @Test
    void keepsWhatTheUserSet(@TempDir Path tmp) throws Exception {
        SparkConf conf = submitted(CLUSTER).set("spark.jars", "/mine.jar")
                .set("spark.executorEnv.OMP_NUM_THREADS", "4").set("spark.executorEnv.OPENBLAS_CORETYPE", "Zen");
        SweepJob.configureExecutors(conf, Map.of("OPENBLAS_CORETYPE", "SkylakeX"), tmp.resolve("classes"));
        assertEquals("/mine.jar", conf.get("spark.jars"));
        assertEquals("4", conf.get("spark.executorEnv.OMP_NUM_THREADS"));
        assertEquals("Zen", conf.get("spark.executorEnv.OPENBLAS_CORETYPE"));
    }

    @Test
    void refusesAClusterWhenThereIsNoJarToShip(@TempDir Path tmp) {
        Path classes = tmp.resolve("sweep/target/classes");
        ConfigException e = assertThrows(ConfigException.class,
                () -> SweepJob.configureExecutors(submitted(CLUSTER), Map.of(), classes));
        assertTrue(e.getMessage().contains("set spark.jars"), e.getMessage());
        assertTrue(e.getMessage().contains(classes.toString()), e.getMessage());
    }
}
