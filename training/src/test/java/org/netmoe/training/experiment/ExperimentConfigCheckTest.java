package org.netmoe.training.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.netmoe.training.cli.CliRun;

/**
 * Each experiment binds and checks its whole config before any work: a bad field is one line
 * naming it, exit 2, and no expert (or other sub-run) has been trained, so these runs fail within
 * the config check and are fast.
 */
class ExperimentConfigCheckTest {
    @TempDir
    Path tmp;

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                // maze-fig5: the configured gates against the tasks and experts
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.fixed.goal+lava={a: 1}"),
                        "gates.fixed.goal+lava: unknown task 'goal+lava'; tasks are [goal+trap, goal+prize, goal+prize+trap]"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.fixed.goal+trap={a: 1, d: 1}"),
                        "gates.fixed.goal+trap: unknown expert 'd'; experts are [a, b, c]"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.fixed.goal+trap={a: -1, b: 1}"),
                        "gates.fixed.goal+trap: gate weight 0 must be finite and >= 0, was -1.0"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.fixed.goal+trap={a: 0}"),
                        "gates.fixed.goal+trap: gate weights must not all be 0"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.fixed={goal+trap: {a: 1}}"),
                        "gates.fixed.goal+prize: missing (weights by expert id)"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.plan.goal+prize=[{when: lava, weights: {a: 1}}]"),
                        "gates.plan.goal+prize: plan plan: stage 0: unknown condition 'lava'; allowed: always,"
                                + " [prize_collected] or not:<predicate>"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.plan.goal+prize=[{when: 'not:', weights: {a: 1}}]"),
                        "gates.plan.goal+prize[0].when: a condition is 'always', a predicate id or 'not:<id>', was not:"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.run=[uniform,magic]"),
                        "gates.run: unknown gate 'magic'; allowed: [uniform, fixed, plan, network, oracle, llm]"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("combiner.rule=sum"),
                        "combiner.rule must be one of [product, mixture], was sum"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("combiner.scale=log"),
                        "combiner.scale must be one of [range, none], was log"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("evaluation.actions=best"),
                        "evaluation.actions must be one of [sample, greedy], was best"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("tasks=[{id: goal}]"),
                        "gates.fixed.goal+trap: unknown task 'goal+trap'; tasks are [goal]"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("tasks=[{id: goal+lava}]"),
                        "tasks[0].id: task must contain only [goal, prize, trap], was [goal+lava]"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.network="), "gates.network: missing"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("gates.network.ppo.epochs=0"),
                        "gates.network.ppo.epochs must be > 0, was 0"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("expertTraining.agent.params.learningRate=-1"),
                        "experts[0] (a): agent.params.learningRate must be > 0 and finite, was -1.0"),
                Arguments.of("maze-fig5-smoke.yaml", List.of("colour=blue"),
                        "colour: unknown field; allowed fields here: [combiner, evaluation, experiment, expertTraining,"
                                + " experts, expertsDir, gates, llm, maze, seed, tasks]"),
                // nsp-fig6
                Arguments.of("nsp-fig6-smoke.yaml", List.of("gates.fixed={op: 1, tp: 1}"),
                        "gates.fixed: unknown expert 'tp'; experts are [op, dr]"),
                Arguments.of("nsp-fig6-smoke.yaml", List.of("gates.plan=[{when: near_user, weights: {op: 1}}]"),
                        "gates.plan: plan plan: stage 0: unknown condition 'near_user'; allowed: always,"
                                + " [far_user, many_antennas] or not:<predicate>"),
                Arguments.of("nsp-fig6-smoke.yaml", List.of("gates.fixed={}"), "gates.fixed: missing (weights by expert id)"),
                Arguments.of("nsp-fig6-smoke.yaml", List.of("requirement.qos=latency"),
                        "requirement.qos: unknown QoS type 'latency'; defined: [op, dr, tp, bep, gaming-tp]"),
                Arguments.of("nsp-fig6-smoke.yaml", List.of("directDrl.params.gamma=2"),
                        "directDrl.params.gamma must be in [0.0, 1.0], was 2.0"),
                Arguments.of("nsp-fig6-smoke.yaml", List.of("combiner.probes=0"), "combiner.probes must be > 0, was 0"),
                Arguments.of("nsp-fig6-smoke.yaml", List.of("experts=[{id: op, qos: latency}]"),
                        "experts[0].qos: unknown QoS type 'latency'; known: [op, dr, tp, bep]"),
                // maze-llm-eval
                Arguments.of("maze-llm-eval-smoke.yaml", List.of("gates.plan.goal+lava=[{when: always, weights: {a: 1}}]"),
                        "gates.plan.goal+lava: unknown task 'goal+lava'; tasks are [goal+trap, goal+prize+trap]"),
                Arguments.of("maze-llm-eval-smoke.yaml", List.of("sampling.promptStyles=[hints, chat]"),
                        "sampling.promptStyles[1] must be one of [hints, paper], was 'chat'"),
                Arguments.of("maze-llm-eval-smoke.yaml", List.of("gates.oracle.gridSteps=0"),
                        "gates.oracle.gridSteps must be > 0, was 0"),
                // dmoe-table1: the learned selector's train config is checked before the simulation
                Arguments.of("dmoe-table1-smoke.yaml", List.of("selector.agent.params.learningRate=-1"),
                        "selector: agent.params.learningRate must be > 0 and finite, was -1.0"));
    }

    @ParameterizedTest
    @MethodSource("badConfigs")
    void aBadFieldIsOneLineNamingItBeforeAnyTraining(String config, List<String> sets, String message) {
        Path run = tmp.resolve("run");
        List<String> args = sets.stream().flatMap(s -> Stream.of("--set", s)).toList();
        CliRun cli = CliRun.experiment(config, run, args);
        assertEquals(2, cli.code(), cli.err());
        assertEquals("netmoe: error: " + message, cli.err().strip());
        for (String subRuns : List.of("experts", "selector")) {
            assertFalse(Files.exists(run.resolve(subRuns)), "nothing may be trained before the config is valid");
        }
        assertFalse(Files.exists(run.resolve("results.csv")), "no work may be done before the config is valid");
    }
}
