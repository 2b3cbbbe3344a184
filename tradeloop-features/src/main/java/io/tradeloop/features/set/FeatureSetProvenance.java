package io.tradeloop.features.set;

import java.util.List;

/**
 * What a trained model records about the features it was trained on: the set's name and version, the
 * formula revision, the column order and the full definition, so the serving path can refuse a
 * mismatching feature set and a reader can recompute the inputs.
 */
public record FeatureSetProvenance(String name, String version, int formulaRevision, List<String> columns,
                                   String definitionJson) {
    public FeatureSetProvenance {
        columns = List.copyOf(columns);
    }

    /** {@code name@version}. */
    public String id() {
        return name + "@" + version;
    }
}
