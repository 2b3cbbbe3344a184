package io.tradeloop.server.runtime;

import io.tradeloop.server.agent.AgentBrain;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The decision makers agents may name in their config, registered explicitly by the composition root. */
public final class BrainRegistry {
    private final ConcurrentHashMap<String, AgentBrain> brains = new ConcurrentHashMap<>();

    public BrainRegistry register(AgentBrain brain) {
        brains.put(brain.id(), brain);
        return this;
    }

    public Optional<AgentBrain> get(String id) {
        return Optional.ofNullable(brains.get(id));
    }

    /** Registered ids, sorted. */
    public List<String> ids() {
        return brains.keySet().stream().sorted().toList();
    }
}
