package org.netmoe.moe.mix;

import java.util.List;

/** The gate ids of {@code netmoe list}, in the order experiments report them. */
public final class GateIds {
    public static final String UNIFORM = "uniform";
    public static final String FIXED = "fixed";
    public static final String PLAN = "plan";
    public static final String NETWORK = "network";
    public static final String ORACLE = "oracle";
    public static final String LLM = "llm";
    /** Every gate id. */
    public static final List<String> ALL = List.of(UNIFORM, FIXED, PLAN, NETWORK, ORACLE, LLM);

    private GateIds() {
    }
}
