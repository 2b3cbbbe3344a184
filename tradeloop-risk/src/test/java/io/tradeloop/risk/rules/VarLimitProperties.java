package io.tradeloop.risk.rules;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class VarLimitProperties {

    @Property
    void quickselectFindsTheSortedElement(@ForAll @Size(min = 1, max = 300) List<@DoubleRange(min = -1e6, max = 1e6) Double> values,
                                          @ForAll @IntRange(min = 0, max = 299) int rank) {
        double[] a = values.stream().mapToDouble(Double::doubleValue).toArray();
        int k = rank % a.length;
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        assertThat(VarLimit.kthSmallest(a, a.length, k)).isEqualTo(sorted[k]);
    }

    @Property
    void quickselectHandlesTies(@ForAll @Size(min = 1, max = 200) List<@IntRange(min = -3, max = 3) Integer> values,
                                @ForAll @IntRange(min = 0, max = 199) int rank) {
        double[] a = values.stream().mapToDouble(Integer::doubleValue).toArray();
        int k = rank % a.length;
        double[] sorted = a.clone();
        Arrays.sort(sorted);
        assertThat(VarLimit.kthSmallest(a, a.length, k)).isEqualTo(sorted[k]);
    }
}
