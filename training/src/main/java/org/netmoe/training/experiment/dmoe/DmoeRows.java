package org.netmoe.training.experiment.dmoe;

/** The rows of dmoe-table1's result files (columns: the components in snake case). */
final class DmoeRows {
    private DmoeRows() {
    }

    /** One method's energy (J) and relevance per token at one layer ({@code energy-per-layer.csv}, Fig. 7–9). */
    record LayerRow(int layer, String method, double energyPerTokenJ, double commPerTokenJ, double compPerTokenJ,
                    double meanRelevance) {
    }

    /**
     * One point of the energy–relevance trade-off ({@code tradeoff.csv}, Fig. 10): JESA at γ0 or H at z
     * ({@code parameter}; NaN for Top-2), energy relative to Top-2.
     */
    record TradeoffRow(String method, double parameter, double energyRelTop2, double meanRelevance) {
    }

    /** One row of the Table I analogue ({@code table1.csv}); {@code gamma0} is NaN for the Top-k rows. */
    record Table1Row(String method, double gamma0, int maxExperts, double energyRelTop2, double meanRelevance) {
    }

    /**
     * One policy against DES on the same tokens ({@code selector.csv}): energy relative to DES, the
     * fraction meeting the threshold among tokens DES serves feasibly, the fraction choosing DES's subset.
     */
    record SelectorRow(String policy, double energyRelDes, double constraintMet, double matchesDes,
                       double meanRelevance) {
    }
}
