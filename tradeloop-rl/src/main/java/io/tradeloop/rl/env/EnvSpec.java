package io.tradeloop.rl.env;

import java.util.List;

/**
 * The shape of an environment: observation length and the name of every action.
 *
 * @param name             short name, e.g. {@code funding-arb}
 * @param observationSize  floats per observation
 * @param actionNames      one name per discrete action, index = action id
 */
public record EnvSpec(String name, int observationSize, List<String> actionNames) {
    public EnvSpec {
        if (observationSize <= 0) {
            throw new IllegalArgumentException("observationSize must be > 0, got " + observationSize);
        }
        if (actionNames.isEmpty()) {
            throw new IllegalArgumentException("an environment needs at least one action");
        }
        actionNames = List.copyOf(actionNames);
    }

    public int actionCount() {
        return actionNames.size();
    }
}
