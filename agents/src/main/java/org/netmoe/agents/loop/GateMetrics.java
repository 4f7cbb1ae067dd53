package org.netmoe.agents.loop;

import java.util.function.ObjDoubleConsumer;
import org.netmoe.moe.layer.MoeLayer;
import org.netmoe.moe.layer.MoeAuxLoss;

/**
 * The gate metrics of an MoE actor after its latest training forward: {@code gate/load_balance},
 * {@code gate/z_loss} and {@code gate/usage/k} (the fraction of the batch routed to expert k).
 */
record GateMetrics(double loadBalance, double zLoss, double[] usage) implements Metrics {
    /** The values of {@code moe}'s latest forward, copied now. */
    static GateMetrics of(MoeLayer moe) {
        MoeAuxLoss aux = moe.lastAuxLoss();
        return new GateMetrics(aux.loadBalance(), aux.routerZLoss(), moe.expertUsage().routedFraction().clone());
    }

    @Override
    public void forEach(ObjDoubleConsumer<String> sink) {
        sink.accept("gate/load_balance", loadBalance);
        sink.accept("gate/z_loss", zLoss);
        for (int k = 0; k < usage.length; k++) {
            sink.accept("gate/usage/" + k, usage[k]);
        }
    }
}
