package org.netmoe.envs.multibs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.math3.util.CombinatoricsUtils;

/**
 * The C(U, N) cooperative BS sets, indexed in lexicographic order (Commons Math's combinations
 * iterator): index 0 is {@code {0, 1, …, N−1}}.
 */
public final class BsSets {
    private final int numBs;
    private final List<int[]> sets;

    /** Every {@code perSet}-subset of {@code numBs} BSs. */
    public BsSets(int numBs, int perSet) {
        this.numBs = numBs;
        List<int[]> all = new ArrayList<>();
        Iterator<int[]> it = CombinatoricsUtils.combinationsIterator(numBs, perSet);
        while (it.hasNext()) {
            all.add(it.next().clone());
        }
        all.sort(Arrays::compare);
        this.sets = List.copyOf(all);
    }

    /** Number of sets C(U, N). */
    public int size() {
        return sets.size();
    }

    /** The BS indices of set {@code index}, ascending (a copy). */
    public int[] get(int index) {
        return sets.get(index).clone();
    }

    /** The index of {@code bs} (ascending BS indices); -1 if it is not a set of this family. */
    public int indexOf(int[] bs) {
        for (int i = 0; i < sets.size(); i++) {
            if (Arrays.equals(sets.get(i), bs)) {
                return i;
            }
        }
        return -1;
    }

    /** The multi-hot vector {@code [numBs]} of set {@code index} (1 for a member BS). */
    public float[] multiHot(int index) {
        float[] v = new float[numBs];
        for (int b : sets.get(index)) {
            v[b] = 1f;
        }
        return v;
    }
}
