package org.netmoe.envs.maze;

import java.util.ArrayList;
import java.util.List;
import org.netmoe.envs.Env;

/** Scripted rollouts for the maze tests. */
final class MazeTestSupport {
    private MazeTestSupport() {
    }

    /** Moves from a script such as {@code "DDR3U"}: U/D/L/R, each optionally followed by a repeat count. */
    static List<Move> moves(String script) {
        List<Move> moves = new ArrayList<>();
        for (int i = 0; i < script.length(); ) {
            Move m = switch (script.charAt(i++)) {
                case 'U' -> Move.UP;
                case 'D' -> Move.DOWN;
                case 'L' -> Move.LEFT;
                case 'R' -> Move.RIGHT;
                default -> throw new IllegalArgumentException("bad script " + script);
            };
            int start = i;
            while (i < script.length() && Character.isDigit(script.charAt(i))) {
                i++;
            }
            int repeat = i > start ? Integer.parseInt(script.substring(start, i)) : 1;
            for (int k = 0; k < repeat; k++) {
                moves.add(m);
            }
        }
        return moves;
    }

    /** Every step of {@code moves} from a fresh reset of {@code env}; stops at the episode's end. */
    static List<Env.Step> run(MazeEnv env, List<Move> moves) {
        env.reset(0L);
        List<Env.Step> steps = new ArrayList<>();
        for (Move m : moves) {
            Env.Step s = env.step(m.action());
            steps.add(s);
            if (s.done()) {
                break;
            }
        }
        return steps;
    }

    static Env.Step last(List<Env.Step> steps) {
        return steps.get(steps.size() - 1);
    }

    static double totalReward(List<Env.Step> steps) {
        return steps.stream().mapToDouble(Env.Step::reward).sum();
    }
}
