package org.netmoe.training.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed rows write exactly what {@link Table} writes for the same cells, under snake-case column names. */
class RowsTest {
    record Score(String gate, int episodes, long envSteps, double meanReturn, double ci95Low, double meanSPerCall,
                 String note) {
    }

    @Test
    void columnsAreTheComponentsInSnakeCase() {
        assertEquals(List.of("gate", "episodes", "env_steps", "mean_return", "ci95_low", "mean_s_per_call", "note"),
                Rows.of(Score.class).header());
    }

    @Test
    void csvAndMarkdownMatchTheUntypedTableCellForCell() {
        Rows<Score> rows = Rows.of(Score.class)
                .add(new Score("plan", 200, 3584L, 0.958200000001, 1.0 / 3, 12.5, "no training"))
                .add(new Score("llm", 0, 0L, Double.NaN, Double.NaN, Double.NaN, "a, \"quoted\" note"));
        Table table = Table.of("gate", "episodes", "env_steps", "mean_return", "ci95_low", "mean_s_per_call", "note")
                .add("plan", 200, 3584L, 0.958200000001, 1.0 / 3, 12.5, "no training")
                .add("llm", 0, 0L, Double.NaN, Double.NaN, Double.NaN, "a, \"quoted\" note");
        assertEquals(table.toCsv(), rows.table().toCsv());
        assertEquals(table.toMarkdown(3), rows.toMarkdown(3));
        assertEquals("gate,episodes,env_steps,mean_return,ci95_low,mean_s_per_call,note\n"
                + "plan,200,3584,0.9582,0.333333,12.5,no training\n"
                + "llm,0,0,,,,\"a, \"\"quoted\"\" note\"\n", rows.table().toCsv());
    }

    @Test
    void whereKeepsTheMatchingRowsInOrder() {
        Rows<Score> rows = Rows.of(Score.class);
        for (int i = 0; i < 4; i++) {
            rows.add(new Score("g" + i, i, i, i, i, i, ""));
        }
        assertEquals(List.of("g1", "g3"), rows.where(r -> r.episodes() % 2 == 1).stream().map(Score::gate).toList());
    }
}
