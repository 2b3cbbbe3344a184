package io.tradeloop.server.paper;

import io.tradeloop.server.agent.AgentBrain;
import io.tradeloop.server.agent.BrainDecision;
import io.tradeloop.server.agent.BrainInput;
import io.tradeloop.server.agent.FundingAction;
import io.tradeloop.server.agent.ModelInfo;

import java.util.List;

/** A test brain that always answers the same action. */
public record FixedBrain(FundingAction action) implements AgentBrain {
    @Override
    public String id() {
        return "fixed";
    }

    @Override
    public ModelInfo model() {
        return new ModelInfo("fixed-1", null, "test brain");
    }

    @Override
    public BrainDecision decide(BrainInput input) {
        return new BrainDecision(action, 1, List.of(), List.of(), "always " + action.name(), null, Double.NaN);
    }
}
