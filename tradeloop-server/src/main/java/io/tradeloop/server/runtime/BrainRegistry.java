package io.tradeloop.server.runtime;

import io.tradeloop.server.agent.Brain;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The decision makers agents may name in their config, registered explicitly by the composition root. */
public final class BrainRegistry {
    private final ConcurrentHashMap<String, Brain> brains = new ConcurrentHashMap<>();

    public BrainRegistry register(Brain brain) {
        brains.put(brain.id(), brain);
        return this;
    }

    public Optional<Brain> get(String id) {
        return Optional.ofNullable(brains.get(id));
    }

    /** Registered ids, sorted. */
    public List<String> ids() {
        return brains.keySet().stream().sorted().toList();
    }
}
