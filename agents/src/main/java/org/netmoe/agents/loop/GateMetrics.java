package org.netmoe.agents.loop;

import java.util.Map;
import org.netmoe.moe.layer.ExpertUsage;
import org.netmoe.moe.layer.MoeAuxLoss;
import org.netmoe.moe.layer.MoeLayer;

/** The gate metrics of an MoE actor after its latest training forward. */
final class GateMetrics {
    private GateMetrics() {
    }

    /** Adds {@code gate/load_balance}, {@code gate/z_loss} and {@code gate/usage/k} (routed fraction of expert k). */
    static void addTo(Map<String, Double> metrics, MoeLayer moe) {
        MoeAuxLoss aux = moe.lastAuxLoss();
        metrics.put("gate/load_balance", aux.loadBalance());
        metrics.put("gate/z_loss", aux.routerZLoss());
        ExpertUsage usage = moe.expertUsage();
        double[] routed = usage.routedFraction();
        for (int k = 0; k < routed.length; k++) {
            metrics.put("gate/usage/" + k, routed[k]);
        }
    }
}
